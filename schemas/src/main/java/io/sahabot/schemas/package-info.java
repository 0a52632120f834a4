/**
 * Wire contracts shared by every SahaBot service: events, commands, topics and the database
 * history.
 */
package io.sahabot.schemas;
