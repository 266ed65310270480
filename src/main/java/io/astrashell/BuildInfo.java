package io.astrashell;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Versions written by the build into {@code astra-shell.properties} (Maven resource filtering):
 * the shell's own and that of the Spring Shell it was built with. Run from classes that were not
 * filtered (an IDE), they read {@code dev}.
 */
public record BuildInfo(String version, String springShellVersion) {

	public static BuildInfo load() {
		Properties p = new Properties();
		try (InputStream in = BuildInfo.class.getResourceAsStream("/astra-shell.properties")) {
			if (in != null) {
				p.load(in);
			}
		}
		catch (IOException e) {
			// versions unknown
		}
		return new BuildInfo(filtered(p, "version"), filtered(p, "spring-shell"));
	}

	private static String filtered(Properties p, String key) {
		String v = p.getProperty(key, "dev");
		return v.startsWith("@") ? "dev" : v;
	}

}
