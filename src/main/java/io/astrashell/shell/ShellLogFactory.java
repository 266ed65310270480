package io.astrashell.shell;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The commons-logging factory of the shell (Spring and Spring Boot log through commons-logging),
 * named by the {@code org.apache.commons.logging.LogFactory} system property. It decides where
 * Spring's messages go: without it commons-logging would find java.util.logging and print Spring's
 * info lines and warnings on standard error, unredacted, on every run. (It also spares
 * commons-logging its discovery, but that is not why it is here: 4 ms of CPU time on an HTTPS
 * one-shot in paired A/B medians, 90% interval -4 to 13 ms, under the 5 ms a start-up trick must buy.)
 *
 * <p>Spring's warnings and errors are not lost: under {@code -v} they are debug lines of the shell
 * ({@code [DEBUG] spring: WARN ...}), redacted as every debug line is; without {@code -v} they
 * are not shown, as the shell shows no internal logging then. Spring's info, debug and trace are
 * never written (Spring asks {@code isDebugEnabled()} first, so they cost nothing).
 */
public final class ShellLogFactory extends LogFactory {

	private static final Log LOG = new ShellLog();

	/** Called first thing by {@code main}, before any Spring class asks for a log. */
	public static void install() {
		if (System.getProperty(FACTORY_PROPERTY) == null) {
			System.setProperty(FACTORY_PROPERTY, ShellLogFactory.class.getName());
		}
	}

	@Override
	public Object getAttribute(String name) {
		return null;
	}

	@Override
	public String[] getAttributeNames() {
		return new String[0];
	}

	@Override
	public Log getInstance(Class<?> clazz) {
		return LOG;
	}

	@Override
	public Log getInstance(String name) {
		return LOG;
	}

	@Override
	public void release() {
	}

	@Override
	public void removeAttribute(String name) {
	}

	@Override
	public void setAttribute(String name, Object value) {
	}

	/** WARN, ERROR and FATAL as debug lines under {@code -v}; the rest nowhere. */
	static final class ShellLog implements Log {

		private static void write(String level, Object message, Throwable t) {
			Logging.debug("spring", () -> level + " " + message + (t == null ? "" : " (" + t + ")"));
		}

		@Override
		public boolean isFatalEnabled() {
			return Logging.isVerbose();
		}

		@Override
		public boolean isErrorEnabled() {
			return Logging.isVerbose();
		}

		@Override
		public boolean isWarnEnabled() {
			return Logging.isVerbose();
		}

		@Override
		public boolean isInfoEnabled() {
			return false;
		}

		@Override
		public boolean isDebugEnabled() {
			return false;
		}

		@Override
		public boolean isTraceEnabled() {
			return false;
		}

		@Override
		public void fatal(Object message) {
			write("FATAL", message, null);
		}

		@Override
		public void fatal(Object message, Throwable t) {
			write("FATAL", message, t);
		}

		@Override
		public void error(Object message) {
			write("ERROR", message, null);
		}

		@Override
		public void error(Object message, Throwable t) {
			write("ERROR", message, t);
		}

		@Override
		public void warn(Object message) {
			write("WARN", message, null);
		}

		@Override
		public void warn(Object message, Throwable t) {
			write("WARN", message, t);
		}

		@Override
		public void info(Object message) {
		}

		@Override
		public void info(Object message, Throwable t) {
		}

		@Override
		public void debug(Object message) {
		}

		@Override
		public void debug(Object message, Throwable t) {
		}

		@Override
		public void trace(Object message) {
		}

		@Override
		public void trace(Object message, Throwable t) {
		}

	}

}
