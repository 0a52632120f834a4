/**
 * Wire contracts shared by every SahaBot service: events, commands, topics, the JSON answers of the
 * internal HTTP APIs ({@link io.sahabot.schemas.HttpAnswers}) and the database history.
 */
package io.sahabot.schemas;
