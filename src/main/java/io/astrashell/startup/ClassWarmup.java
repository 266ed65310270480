package io.astrashell.startup;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.Socket;
import java.util.logging.LogManager;

import io.astrashell.api.model.WireJson;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.http.HttpHeaders;

/**
 * Does, on a second thread while the main one reads the settings and starts Spring's context, the
 * first-time work that nearly every command meets next and that depends on nothing of the shell's,
 * roughly in the order the main thread needs it:
 * <ul>
 * <li>the first search of the whole class path (Spring Boot's {@code spring.factories}), which opens
 * every jar;</li>
 * <li>the stack walker (Spring Boot looks for the main class), the JDK's module finder (Spring's
 * resource resolver), {@link BigDecimal} (whose static initializer computes 5^65536 on JDK 25);</li>
 * <li>the wire mapper (Jackson's default time zone and date formats), Spring's {@link HttpHeaders}
 * (its date formats), the JDK's network classes and {@code java.util.logging} (which the HTTP
 * client's observation support starts).</li>
 * </ul>
 * The machine's other core is otherwise mostly idle during a one-shot command's start. Whichever
 * thread comes second to a class waits for its initialization rather than repeating it, and a
 * failure here only means the main thread does the work itself. Measured on the HTTPS one-shot
 * (A/B, see {@link io.astrashell.startup}): 30 ms less wall time (90% interval 12 to 58) for 3 ms
 * more CPU time.
 */
public final class ClassWarmup {

	private ClassWarmup() {
	}

	public static void start() {
		Thread warmup = new Thread(ClassWarmup::run, "astra-class-warmup");
		warmup.setDaemon(true);
		warmup.start();
	}

	private static void run() {
		try {
			ClassLoader loader = ClassWarmup.class.getClassLoader();
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
