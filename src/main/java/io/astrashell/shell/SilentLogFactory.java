package io.astrashell.shell;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.NoOpLog;

/**
 * The commons-logging factory of the shell (Spring logs through commons-logging): every logger is
 * one no-op. Named by the {@code org.apache.commons.logging.LogFactory} system property, it spares
 * commons-logging its discovery on every start (probing the class path for Log4j and SLF4J, then
 * choosing and reflecting on a logger class), which the shell would throw away anyway.
 */
public final class SilentLogFactory extends LogFactory {

	private static final Log SILENT = new NoOpLog();

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
		return SILENT;
	}

	@Override
	public Log getInstance(String name) {
		return SILENT;
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

}
