package io.astrashell.api.model;

/**
 * The wire record of the example noun (tests only): a database as {@code GET /v2/databases} lists it
 * in the sandbox's example resource ({@code sandbox/ExampleDatabasesResource}), reduced to four fields.
 */
public record ExampleDatabase(String id, String name, String status, String region) {
}
