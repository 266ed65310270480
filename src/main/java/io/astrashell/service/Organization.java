package io.astrashell.service;

/** The organization a token belongs to: its id, and its name (null if the token may not read it). */
public record Organization(String id, String name) {
}
