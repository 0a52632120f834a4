package io.sahabot.schemas.whatsapp;

/**
 * An error as the WhatsApp Cloud API reports it (in statuses, unsupported messages).
 *
 * @param code Meta's error code, e.g. 131047
 * @param title may be absent
 * @param message may be absent
 * @param details {@code error_data.details}; may be absent
 */
public record ErrorDetail(int code, String title, String message, String details) {}
