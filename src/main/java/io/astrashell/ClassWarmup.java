package io.astrashell;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.Socket;
import java.util.logging.LogManager;

import io.astrashell.api.model.WireJson;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.http.HttpHeaders;

/**
 * Initializes, on a second thread while Spring starts the context on the main one, the classes that
 * nearly every command needs next and that depend on nothing of the shell's: {@link BigDecimal}
 * (whose static initializer computes 5^65536 on JDK 25), the wire mapper (Jackson's default time zone
 * and date formats) and Spring's {@link HttpHeaders} (its date formats). The machine's other core is
 * otherwise idle for most of a one-shot command's start; this takes about 20 ms off it. Whichever
 * thread comes second to a class waits for its initialization rather than repeating it, and a
 * failure here only means the main thread does the work itself.
 */
final class ClassWarmup {

	private ClassWarmup() {
	}

	static void start() {
		Thread warmup = new Thread(ClassWarmup::run, "astra-class-warmup");
		warmup.setDaemon(true);
		warmup.start();
	}

	private static void run() {
		try {
			ClassLoader loader = ClassWarmup.class.getClassLoader();
			SpringFactoriesLoader.forDefaultResourceLocation();
			SpringFactoriesLoader.forDefaultResourceLocation();
			StackWalker.getInstance().walk(frames -> frames.findFirst());
			Class.forName(PathMatchingResourcePatternResolver.class.getName(), true, loader);
			Class.forName(BigDecimal.class.getName(), true, loader);
			WireJson.mapper();
			Class.forName(HttpHeaders.class.getName(), true, loader);
			InetAddress.getLoopbackAddress();
			new Socket().close();
			LogManager.getLogManager();
		}
		catch (Exception | LinkageError ignored) {
			// the main thread meets the same classes and reports what is wrong with them
		}
	}

}
