package dev.herald.campaign;

/** A saved audience as validation sees it: its dimension, and its condition (null for a static list). */
public record SavedAudience(String dimension, String expression) {
}
