package io.astrashell.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.astrashell.cli.ValueKind;
import io.astrashell.session.Identity;

/**
 * A kind of value Tab completes from the server, registered once, in the command class of its noun
 * ({@link ServerKinds}): how its values are fetched (through the noun's service), and how one of
 * the noun's records is offered ({@code offer}: its {@link Candidate}, or null when it cannot be typed
 * back). That one registration drives the prompt's cache, the files of the completion store, the
 * bash and zsh tables, {@code refresh}'s counts, and the updates of the shell's own changes: a record
 * of {@code type} added or removed ({@code service/ChangeListener}) is offered, or no longer, at once.
 */
public record ServerKind<T>(ValueKind kind, Class<T> type, Function<Identity, List<Candidate>> fetch,
		Function<T, Candidate> offer) {

	public ServerKind {
		if (kind.hasChoices() || kind.equals(ValueKind.TEXT) || kind.equals(ValueKind.FILE) || kind.equals(ValueKind.COMMAND)) {
			throw new IllegalArgumentException("Kind " + kind + " is not a server kind.");
		}
	}

	/** A kind whose values are a listing's records, each offered as {@code offer} says. */
	public static <T> ServerKind<T> listing(ValueKind kind, Class<T> type, Function<Identity, List<T>> list,
			Function<T, Candidate> offer) {
		return new ServerKind<>(kind, type, identity -> offered(list.apply(identity), offer), offer);
	}

	/** The candidates of some records, those that cannot be offered left out. */
	public static <T> List<Candidate> offered(List<T> records, Function<T, Candidate> offer) {
		List<Candidate> out = new ArrayList<>(records.size());
		for (T r : records) {
			Candidate c = r == null ? null : offer.apply(r);
			if (c != null) {
				out.add(c);
			}
		}
		return out;
	}

	/** The candidate of a changed record, when it is of this kind's type. */
	Candidate offerIfMine(Object record) {
		return type.isInstance(record) ? offer.apply(type.cast(record)) : null;
	}

	/** The file of this kind in a folder of the completion store: what it describes ({@code users.tsv}). */
	String fileName() {
		return kind.describes().replace(' ', '-') + ".tsv";
	}

}
