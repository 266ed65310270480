package io.astrashell.cli;

/** What kind of value an option or argument takes: tells the completer where to look for values. */
public enum ValueKind {

	/** Free text. */
	TEXT,
	/** An email address. */
	EMAIL,
	/** A user: email or user id. */
	USER,
	/** A role: name or id. */
	ROLE,
	/** A token's client id. */
	TOKEN_CLIENT_ID,
	/** A section of the configuration file. */
	PROFILE,
	/** PROD, DEV, TEST or LOCAL. */
	ENVIRONMENT,
	/** human, json or csv. */
	FORMAT,
	/** A file path. */
	FILE,
	/** A command name. */
	COMMAND,
	/** A policy action name. */
	ACTION

}
