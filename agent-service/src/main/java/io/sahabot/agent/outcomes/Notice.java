package io.sahabot.agent.outcomes;

import io.sahabot.schemas.whatsapp.OutboundContent;

/**
 * One message an outcome implies, to one recipient.
 *
 * @param recipient the WhatsApp user id or phone (E.164 digits) to send to
 * @param content the free-form message, within the recipient's 24-hour window
 * @param template the business's approved template: sent instead outside the window, and the
 *     fallback of {@code content} within it
 * @param text what the recipient is told, for the conversation's memory
 */
record Notice(
    String recipient, OutboundContent content, OutboundContent.Template template, String text) {}
