package io.astrashell.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.error.AstraError;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.FewNames;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.JsonShape;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.ValueKind;
import io.astrashell.files.RegularFiles;
import io.astrashell.orgfile.ApplyProgress;
import io.astrashell.orgfile.OrgFile;
import io.astrashell.orgfile.OrgFileReader;
import io.astrashell.orgfile.OrgFileService;
import io.astrashell.orgfile.Plan;
import io.astrashell.output.Level;
import io.astrashell.output.Output;
import io.astrashell.output.OutputFormat;
import io.astrashell.output.Renderer;
import io.astrashell.output.Style;
import io.astrashell.service.OrgService;
import io.astrashell.service.Organization;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import io.astrashell.shell.Console;
import io.astrashell.shell.Job;
import org.springframework.stereotype.Component;

/**
 * {@code org}, {@code org get}, {@code org id}, {@code org name}: the current organization; and the
 * organization as a file: {@code org export}, {@code org diff FILE}, {@code org apply FILE}.
 */
@Component
public final class OrgCommands implements CommandGroup {

	/** The JSON of org get, org id and org name. */
	static final JsonShape ORG_JSON = JsonShape.object("id", "name");

	/** The JSON of a diff (org diff; org apply when in sync or with --dry-run). */
	static final JsonShape DIFF_JSON = JsonShape.object("organization", "inSync", "changes", "notes", "needsForce");

	static final String GROUP = "Organization";

	private final Session session;

	private final OrgService orgs;

	private final OrgFileService files;

	private final Console console;

	public OrgCommands(Session session, OrgService orgs, OrgFileService files, Console console) {
		this.session = session;
		this.orgs = orgs;
		this.files = files;
		this.console = console;
	}

	/**
	 * The largest organization file read (64 MiB, about 1.5 million users as org export writes them;
	 * standard input too): a larger one is refused naming its size (exit 11).
	 */
	public static final long MAX_FILE_SIZE = 64L * 1024 * 1024;

	private static final ArgumentSpec FILE = ArgumentSpec.required("FILE",
			"The organization file (YAML, as org export writes it; - reads standard input)", ValueKind.FILE);

	private static final OptionSpec PRUNE = OptionSpec.flag("prune", null,
			"Also remove the users and delete the custom roles that the file does not list");

	@Override
	public Map<String, String> nouns() {
		return Map.of("org", "Display Organization Info");
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("org get").alias("org").group(GROUP).description("Display Organization Info")
					.json(ORG_JSON)
					.handler(this::get),
				AstraCommand.named("org id").group(GROUP).description("Display the Organization id")
					.json(ORG_JSON)
					.handler(this::id),
				AstraCommand.named("org name").group(GROUP).description("Display the Organization name")
					.json(ORG_JSON)
					.handler(this::name),
				AstraCommand.named("org export").group(GROUP)
					.description("Print the organization as a file: custom roles, users and their roles (YAML)")
					.option(OptionSpec.flag("include-tokens", null,
							"Also list the tokens, for the record (never a secret; apply ignores them)"))
					.json(JsonShape.object("organization", "roles", "users").or("with --include-tokens", JsonShape.object("organization", "roles", "users", "tokens")))
					.handler(this::export),
				AstraCommand.named("org diff").group(GROUP)
					.description("Show how the organization differs from a file (exit 0 in sync, 2 with differences)")
					.option(PRUNE)
					.argument(FILE)
					.check((in, plan) -> read(in))
					.json(DIFF_JSON)
					.handler(this::diff),
				AstraCommand.named("org apply").group(GROUP)
					.description("Make the organization match a file: roles first, then users")
					.option(PRUNE)
					.option(OptionSpec.flag("dry-run", null, "Print the plan and change nothing (GET requests only)"))
					.option(OptionSpec.flag("force", null,
							"Apply even a plan that leaves no active Organization Administrator, or deletes a role of this session's token"))
					.option(OptionSpec.flag("yes", "y", "Apply without asking (needed when not at a terminal)"))
					.option(OptionSpec.value("parallel", null, "N", "Changes sent at once, in the order their "
							+ "dependencies allow (default " + OrgFileService.DEFAULT_PARALLEL + ", 1 to "
							+ OrgFileService.MAX_PARALLEL + "; 1 sends them one at a time in the plan's order)",
							ValueKind.TEXT))
					.argument(FILE)
					.check((in, plan) -> {
						parallel(in);
						read(in);
					})
					.json(JsonShape.object("applied", "failed").or("when nothing needs changing, and with --dry-run", DIFF_JSON))
					.handler(this::apply));
	}

	private Organization org(Invocation in) {
		return orgs.current(session.identityFor(in.globals()));
	}

	private Output get(Invocation in) {
		Organization org = org(in);
		return Output.attributes("Organization '" + display(org) + "'" + (org.id() == null ? "" : " (" + org.id() + ")"),
				data(org),
				List.of(Output.attribute("Name", display(org)), Output.attribute("id", org.id())));
	}

	private Output id(Invocation in) {
		Organization org = org(in);
		return Output.value("id", org.id(), data(org));
	}

	private Output name(Invocation in) {
		Organization org = org(in);
		return Output.value("name", display(org), data(org));
	}

	// ---- the organization as a file

	private Output export(Invocation in) {
		OrgFileService.Export export = files.export(session.identityFor(in.globals()), in.flag("include-tokens"));
		Output out;
		if (in.globals().format() == OutputFormat.CSV) {
			// CSV has no form for the whole document: its users, one row each, as a spreadsheet takes them
			List<List<Object>> rows = new ArrayList<>();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> users = (List<Map<String, Object>>) export.document().get("users");
			users.forEach(u -> rows.add(Output.row(u.get("email"), u.get("roles"), u.get("status"))));
			out = Output.table(users.size() + " user(s)", export.document(), List.of("User Email", "Roles", "Status"), rows);
		}
		else {
			out = Output.text("Organization '" + export.orgName() + "' exported", export.yaml(), export.document());
		}
		if (export.leftOut().isEmpty()) {
			return out;
		}
		// what the file cannot carry (the reader would refuse it): on standard error in every format,
		// one line each, after the file
		Style style = new Style(!in.globals().isNoColor() && in.globals().format() == OutputFormat.HUMAN
				&& console.colorByDefault());
		return out.andThen(() -> {
			for (String left : export.leftOut()) {
				console.err().println(Level.WARN.prefix(style) + Renderer.clean("Left out " + left));
			}
			console.err().println(Level.WARN.prefix(style) + export.leftOut().size()
					+ (export.leftOut().size() == 1 ? " entry" : " entries") + " left out: the file does not manage "
					+ "them (org apply leaves them as they are; with --prune it could remove them).");
			console.err().flush();
		});
	}

	/** The file of the command, read and checked before any request (exit 11 naming FILE:LINE:COLUMN). */
	private OrgFile read(Invocation in) {
		String path = in.argument(0);
		boolean stdin = "-".equals(path) || "/dev/stdin".equals(path);
		String text;
		try {
			text = stdin ? RegularFiles.readText(console.in(), "The organization file on standard input", MAX_FILE_SIZE)
					: RegularFiles.readText(session.file(Path.of(path)), "The organization file", MAX_FILE_SIZE);
		}
		catch (NoSuchFileException e) {
			throw AstraError.invalidInput("Cannot read " + path + ": there is no such file.");
		}
		catch (RegularFiles.Refused e) {
			// not a regular file (a pipe, /dev/zero), too large, not UTF-8: one sentence naming it
			throw AstraError.invalidInput(e.getMessage());
		}
		catch (IOException | UncheckedIOException | InvalidPathException e) {
			throw AstraError.invalidInput("Cannot read " + path + ": "
					+ (e instanceof AccessDeniedException ? "permission denied" : e.getMessage()) + ".");
		}
		try {
			return OrgFileReader.read(stdin ? "<stdin>" : path, text);
		}
		catch (OrgFile.Invalid e) {
			throw AstraError.invalidInput(e.getMessage());
		}
	}

	private OrgFileService.Planned plan(Invocation in, OrgFile file, Identity c) {
		try {
			return files.plan(c, file, in.flag("prune"));
		}
		catch (OrgFile.Invalid e) {
			throw AstraError.invalidInput(e.getMessage());
		}
	}

	private Output diff(Invocation in) {
		OrgFile file = read(in);
		Plan plan = plan(in, file, session.identityFor(in.globals())).plan();
		return planOutput(plan, file, "")
			.exitCode(plan.inSync() ? 0 : DIFFERENCES);
	}

	/** {@code org diff}'s exit code when the organization differs from the file, as {@code terraform plan -detailed-exitcode}. */
	static final int DIFFERENCES = 2;

	private Output planOutput(Plan plan, OrgFile file, String suffix) {
		String message = plan.inSync() ? "The organization '" + plan.orgName() + "' matches " + file.path() + "."
				: changes(plan.changes().size()) + " make the organization '" + plan.orgName() + "' match " + file.path()
						+ suffix + ".";
		Output out = Output.diff(message, plan.changes().stream().map(Plan.Change::line).toList(), plan.data());
		for (String n : plan.notes()) {
			out = out.notice(Level.INFO, capital(n) + ".");
		}
		if (plan.guard() != null) {
			out = out.notice(Level.WARN, "Applying this needs --force: " + plan.guard() + ".");
		}
		if (plan.inSync()) {
			out = out.notice(Level.OK, message);
		}
		return out;
	}

	/** {@code --parallel N}: 1 to 64, the default when absent; anything else is exit 13 before any request. */
	static int parallel(Invocation in) {
		String value = in.option("parallel");
		if (value == null) {
			return OrgFileService.DEFAULT_PARALLEL;
		}
		try {
			int n = Integer.parseInt(value.trim());
			if (n >= 1 && n <= OrgFileService.MAX_PARALLEL) {
				return n;
			}
		}
		catch (NumberFormatException e) {
			// named below
		}
		throw AstraError.invalidValue("Invalid value '" + value + "' for --parallel: give a number from 1 to "
				+ OrgFileService.MAX_PARALLEL + " (1 sends the changes one at a time). Nothing was changed.");
	}

	private Output apply(Invocation in) {
		int parallel = parallel(in);
		OrgFile file = read(in);
		Identity c = session.identityFor(in.globals());
		OrgFileService.Planned planned = plan(in, file, c);
		Plan plan = planned.plan();
		boolean dryRun = in.flag("dry-run");
		if (plan.inSync()) {
			return planOutput(plan, file, "");
		}
		if (!dryRun && plan.guard() != null && !in.flag("force")) {
			throw AstraError.invalidInput("Not applied: " + plan.guard() + ". Add --force to apply it anyway.");
		}
		boolean ask = !dryRun && !in.flag("yes") && console.canAsk();
		if (!dryRun && !in.flag("yes") && !console.canAsk()) {
			throw AstraError.invalidInput("Not applied: " + changes(plan.changes().size()) + " to '" + plan.orgName()
					+ "' need --yes when not at a terminal (or --dry-run to see them). Nothing was changed.");
		}
		if (dryRun) {
			return planOutput(plan, file, " (dry run: nothing was changed)");
		}
		boolean human = in.globals().format() == OutputFormat.HUMAN;
		if (!human) {
			// one document: apply first, then report
			List<Object> applied = new ArrayList<>();
			ApplyProgress progress = new ApplyProgress(plan, change -> applied.add(change.data()), Job::carry);
			try (Job.Report report = Job.reportWhileRunning(progress::stopSummary)) {
				confirm(ask, plan);
				files.apply(c, planned, parallel, progress);
			}
			catch (OrgFileService.Failed f) {
				throw failure(f, plan);
			}
			return Output.message(summary(applied.size(), 0), Output.fields("applied", applied, "failed", 0));
		}
		Style style = new Style(!in.globals().isNoColor() && console.colorByDefault());
		return planOutput(plan, file, "").andThen(() -> {
			ApplyProgress progress = new ApplyProgress(plan, change -> {
				console.out().println(Level.OK.prefix(style) + Renderer.clean(change.line()));
				console.out().flush();
			}, Job::carry);
			int done;
			// Ctrl-C (at the prompt or on a one-shot run) says what was applied, in flight and not sent
			try (Job.Report report = Job.reportWhileRunning(progress::stopSummary)) {
				confirm(ask, plan);
				done = files.apply(c, planned, parallel, progress);
			}
			catch (OrgFileService.Failed f) {
				throw failure(f, plan);
			}
			console.err().println(Level.INFO.prefix(style) + summary(done, 0));
			console.err().flush();
		});
	}

	private void confirm(boolean ask, Plan plan) {
		if (!ask) {
			return;
		}
		boolean yes;
		try {
			yes = console.confirm(Renderer.clean("Apply " + changes(plan.changes().size()) + " to " + plan.orgName() + "?"));
		}
		catch (IOException e) {
			yes = false;
		}
		if (!yes) {
			throw new AstraError(AstraError.Kind.CANCELLED, "Cancelled: nothing was applied.");
		}
	}

	/** The failure of an apply, of the same kind as the change's own failure. */
	private static RuntimeException failure(OrgFileService.Failed f, Plan plan) {
		List<String> notApplied = f.notApplied().stream().map(Plan.Change::line).toList();
		String message = f.getMessage() + " " + summary(f.applied(), f.failed()) + "; " + notApplied.size() + " not applied: "
				+ FewNames.join("; ", notApplied) + ". Run the same apply again to finish.";
		return new AstraError(((AstraError) f.reason()).kind(), message, f);
	}

	private static String summary(int applied, int failed) {
		return changes(applied) + " applied, " + failed + " failed";
	}

	/** {@code 1 change}, {@code 4 changes}. */
	static String changes(int n) {
		return n + (n == 1 ? " change" : " changes");
	}

	private static String capital(String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
	}

	private static Object data(Organization org) {
		return Output.fields("id", org.id(), "name", org.name());
	}

	private static String display(Organization org) {
		return org.name() == null ? "(unknown: the token may not read users)" : org.name();
	}

}
