package io.astrashell.completion;

import java.util.List;

import io.astrashell.cli.Globals;
import io.astrashell.cli.ValueKind;
import org.springframework.shell.core.command.completion.CompletionProposal;

/** Where the values of one kind come from (local lists, the profiles file, the server cache). */
public interface ValueSource {

	/**
	 * The values of {@code kind} that may complete {@code prefix}.
	 * @param kind what is being completed
	 * @param prefix the word typed so far (unquoted)
	 * @param lineGlobals the global options typed on the line (e.g. {@code -conf other})
	 */
	List<CompletionProposal> values(ValueKind kind, String prefix, Globals lineGlobals);

}
