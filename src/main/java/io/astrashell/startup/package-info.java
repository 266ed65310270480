/**
 * How a one-shot command starts faster than a plain Spring Boot application, in one place. Each
 * piece was kept because it buys at least 5 ms on the HTTPS one-shot path ({@code astra org -o json}
 * against a loopback TLS server with a public CA's chain shape), and each fails loudly if misused.
 *
 * <p>Measured by A/B: every variant with one trick turned off, with its own class archive trained
 * the same way, run in random order within each round beside the build with every trick, 30 to 64
 * rounds; the figures are the paired medians of (trick off minus trick on) in CPU time, with their
 * 90% bootstrap interval. The 2-core machine was shared with other builds (load 6 to 11, wall
 * times 3 to 4 times the idle ones), so wall-time differences were mostly noise; CPU time was the
 * steadier measure, and wall time decided only for the warm-up thread, whose gain is parallelism.
 * <ul>
 * <li>{@link io.astrashell.startup.LeanSpringApplication}: no Boot listeners or initializers from
 * {@code spring.factories}, no {@code spring.main.*} binding, the singletons registered while the
 * context is prepared: 47 ms (35 to 59);</li>
 * <li>{@link io.astrashell.startup.TypeOnlyAutowiring}: beans matched by type, 28 ms (23 to 30);
 * no event listener processor, 32 ms (29 to 36). Refuses {@code @Value}, {@code @Qualifier} and
 * {@code @Lazy} injection points at start-up;</li>
 * <li>{@link io.astrashell.startup.LeanClassLoader}: {@code spring.factories} and
 * {@code commons-logging.properties} hidden from the searches that open every jar: 16 ms (11 to
 * 22);</li>
 * <li>{@link io.astrashell.startup.EnglishLocaleData}: the JDK's built-in English locale data
 * instead of CLDR's 900 locales: 19 ms (14 to 27);</li>
 * <li>{@link io.astrashell.startup.SettingsYaml}: application.yml read by SnakeYAML's composer
 * instead of Spring Boot's YAML loader: 9 ms (2 to 15);</li>
 * <li>{@link io.astrashell.startup.ClassWarmup}: first-time class work on a second thread while the
 * main one starts Spring: 3 ms more CPU (-1 to 8), 30 ms less wall time (12 to 58);</li>
 * <li>outside this package because they are not Spring's: the settings read from their declaration
 * ({@code AstraSettings.Setting}) rather than by Spring Boot's binder into a
 * {@code @ConfigurationProperties} record (the binder and its conversion service: 86 ms, 82 to 96);
 * and {@code org} reading the organization's two keys with Jackson's streaming parser
 * ({@code OrganizationApi#summary}) rather than binding the users listing: 46 ms (39 to
 * 50).</li>
 * </ul>
 * Dropped, back to the plain Spring way: property sources that answer lookups without listing their
 * names (6 ms, -2 to 13: not shown to buy 5 ms, and a future {@code @ConfigurationProperties} map
 * would have bound empty). The commons-logging factory stays, in {@code shell/}, for where Spring's
 * messages go rather than for speed (4 ms, -4 to 13).
 *
 * <p>What the lean start leaves out is guarded by {@code StartupGuardsTest}: no class of the shell
 * may carry {@code @ConfigurationProperties}, {@code @EventListener}, {@code @Value},
 * {@code @Qualifier}, {@code @Lazy}, {@code @Autowired} or {@code @ComponentScan}, each of which
 * would otherwise be ignored without a word.
 */
package io.astrashell.startup;
