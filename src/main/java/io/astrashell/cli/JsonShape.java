package io.astrashell.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command's {@code -o json} document holds as {@code data}, declared beside its columns: the
 * contract scripts read ({@code jq .data[].Email}). Help pages show it (section JSON), and a test runs
 * every command and checks that what it prints is what it declares, key for key and in order. The
 * names are those of the original Astra CLI's JSON where it had one (PascalCase for users and roles,
 * camelCase for tokens), which scripts already read.
 *
 * @param form an object, a list of objects, a string, or nothing (null)
 * @param fields the keys of the object (of each item for a list), in the order printed
 * @param more for an object whose further keys depend on the data, what they are ("the profile's
 *     keys"), or null
 * @param variants the other shapes the command prints, each with when it does
 */
public record JsonShape(Form form, List<String> fields, String more, List<Variant> variants) {

	public enum Form {

		OBJECT, LIST, TEXT, NONE

	}

	/** Another shape of the same command, printed when {@code when} holds ("with --key"). */
	public record Variant(String when, JsonShape shape) {
	}

	public JsonShape {
		fields = List.copyOf(fields);
		variants = List.copyOf(variants);
	}

	/** An object with these keys. */
	public static JsonShape object(String... fields) {
		return new JsonShape(Form.OBJECT, List.of(fields), null, List.of());
	}

	/** A list of objects, each with these keys. */
	public static JsonShape list(String... fields) {
		return new JsonShape(Form.LIST, List.of(fields), null, List.of());
	}

	/** A string; {@code what} says which ("the help page"). */
	public static JsonShape text(String what) {
		return new JsonShape(Form.TEXT, List.of(), what, List.of());
	}

	/** Nothing: {@code data} is null; {@code why} may say where the data is instead, or be null. */
	public static JsonShape none(String why) {
		return new JsonShape(Form.NONE, List.of(), why, List.of());
	}

	/** This object, followed by keys that depend on the data ({@code what} names them). */
	public JsonShape more(String what) {
		return new JsonShape(form, fields, what, variants);
	}

	/** This shape, or {@code other} when {@code when} holds. */
	public JsonShape or(String when, JsonShape other) {
		List<Variant> all = new ArrayList<>(variants);
		all.add(new Variant(when, other));
		return new JsonShape(form, fields, more, all);
	}

	/** The shape in words, as help shows it: "a list of objects: UserID, Email, Status, Roles". */
	public String describe() {
		return switch (form) {
			case OBJECT -> "an object: " + String.join(", ", fields) + (more == null ? "" : ", then " + more);
			case LIST -> "a list of objects: " + String.join(", ", fields);
			case TEXT -> "a string, " + more;
			case NONE -> "null" + (more == null ? "" : " (" + more + ")");
		};
	}

}
