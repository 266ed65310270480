package io.astrashell.startup;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

import io.astrashell.shell.Logging;

/**
 * A class loader that finds every class and resource the application's class loader finds, except
 * two files the shell has no use for, whose search opens every jar of the class path:
 * <ul>
 * <li>{@code META-INF/spring.factories}: Spring Boot's listeners and initializers (see
 * {@link LeanSpringApplication});</li>
 * <li>{@code commons-logging.properties}: Spring's logging is chosen by a system property (see
 * {@link Logging#init}), yet commons-logging searches for this file first, once per thread context
 * class loader.</li>
 * </ul>
 * It is the main thread's context class loader: the first search of the whole class path then
 * happens on the warm-up thread ({@link ClassWarmup}), in parallel with the main thread's work.
 * Measured on the HTTPS one-shot (A/B, see {@link io.astrashell.startup}): 16 ms of CPU time
 * (90% interval 11 to 22). Misused, it would hide a {@code spring.factories} of the shell's own:
 * {@code StartupGuardsTest} fails if the shell ever ships one.
 */
public final class LeanClassLoader extends ClassLoader {

	public static final LeanClassLoader INSTANCE = new LeanClassLoader(LeanClassLoader.class.getClassLoader());

	private static final Set<String> HIDDEN = Set.of("META-INF/spring.factories", "commons-logging.properties");

	private final ClassLoader parent;

	private LeanClassLoader(ClassLoader parent) {
		super("astra-lean", parent);
		this.parent = parent;
	}

	/** Its parent's classes, asked of the parent alone: a class it lacks is one exception, not two. */
	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		return this.parent.loadClass(name);
	}

	@Override
	public URL getResource(String name) {
		return HIDDEN.contains(name) ? null : super.getResource(name);
	}

	@Override
	public Enumeration<URL> getResources(String name) throws IOException {
		return HIDDEN.contains(name) ? Collections.emptyEnumeration() : super.getResources(name);
	}

}
