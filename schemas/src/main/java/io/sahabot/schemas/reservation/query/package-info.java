/**
 * The JSON answers of reservation-service's query API ({@code /internal/tenants/{tenantId}/…}),
 * read by agent-service and tenant-service. reservation-service writes them with its HTTP mapper,
 * which writes {@code null} properties; each has a JSON Schema (see {@link
 * io.sahabot.schemas.HttpAnswers}). Unlike the events they carry no {@code type}, and their
 * constructors do not reject content: a list that is absent reads as empty.
 */
package io.sahabot.schemas.reservation.query;
