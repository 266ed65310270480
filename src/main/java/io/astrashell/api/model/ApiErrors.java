package io.astrashell.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The standard error body: {@code {"errors":[{"ID":340012,"message":"invalid token format"}]}}. */
public record ApiErrors(List<Entry> errors) {

	public ApiErrors {
		errors = WireLists.of(errors);
	}

	public static ApiErrors of(int id, String message) {
		return new ApiErrors(List.of(new Entry(id, message)));
	}

	public record Entry(@JsonProperty("ID") Integer id, String message) {
	}

}
