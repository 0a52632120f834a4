/**
 * The JSON answers of agent-service's internal API read by another service; each has a JSON Schema
 * (see {@link io.sahabot.schemas.HttpAnswers}).
 */
package io.sahabot.schemas.agent.query;
