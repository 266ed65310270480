package io.astrashell.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The resources a sandbox serves, in the order their slices are seeded (a resource after those it
 * {@link SandboxResource#reads() reads}; otherwise by key), which is also the order of routing and of
 * {@code state.json}. The shell builds it from its beans ({@code AstraShellConfiguration}); tests and
 * tools that start a sandbox by hand get the same classes from {@link #scan}.
 */
public final class SandboxResources {

	/** The keys of {@code state.json} that are the file's own. */
	static final Set<String> RESERVED_KEYS = Set.of(SandboxStateFile.VERSION_KEY, SandboxStateFile.VERSIONS_KEY);

	private static final Map<List<String>, SandboxResources> SCANNED = new ConcurrentHashMap<>();

	private final List<SandboxResource<?>> ordered;

	private final Map<String, SandboxResource<?>> byKey = new LinkedHashMap<>();

	private final Map<Class<?>, SandboxResource<?>> bySlice = new LinkedHashMap<>();

	private SandboxResources(List<SandboxResource<?>> ordered) {
		this.ordered = List.copyOf(ordered);
		for (SandboxResource<?> resource : this.ordered) {
			this.byKey.put(resource.key(), resource);
			this.bySlice.put(resource.sliceType(), resource);
		}
	}

	/**
	 * These resources, ordered. Refuses two resources of one key or slice type, a reserved key, a
	 * slice read that no resource holds, and reads in a circle.
	 */
	public static SandboxResources of(Collection<? extends SandboxResource<?>> resources) {
		Map<String, SandboxResource<?>> byKey = new LinkedHashMap<>();
		Map<Class<?>, SandboxResource<?>> bySlice = new LinkedHashMap<>();
		for (SandboxResource<?> resource : resources) {
			String key = resource.key();
			if (key == null || key.isBlank() || RESERVED_KEYS.contains(key)) {
				throw new IllegalArgumentException(resource.getClass().getName() + " has no key of its own: " + key);
			}
			if (resource.version() < 1) {
				throw new IllegalArgumentException(resource.getClass().getName() + " has version " + resource.version());
			}
			SandboxResource<?> other = byKey.put(key, resource);
			if (other != null) {
				throw new IllegalArgumentException("two sandbox resources have the key " + key + ": "
						+ other.getClass().getName() + ", " + resource.getClass().getName());
			}
			if (bySlice.put(resource.sliceType(), resource) != null) {
				throw new IllegalArgumentException("two sandbox resources hold " + resource.sliceType().getName());
			}
		}
		List<SandboxResource<?>> pending = new ArrayList<>(byKey.values());
		pending.sort(Comparator.comparing(SandboxResource::key));
		for (SandboxResource<?> resource : pending) {
			for (Class<? extends SandboxSlice> read : resource.reads()) {
				if (!bySlice.containsKey(read)) {
					throw new IllegalArgumentException(resource.getClass().getName() + " reads " + read.getName()
							+ ", which no sandbox resource holds");
				}
			}
		}
		List<SandboxResource<?>> ordered = new ArrayList<>();
		Set<Class<?>> placed = new HashSet<>();
		while (!pending.isEmpty()) {
			SandboxResource<?> next = pending.stream()
				.filter(r -> placed.containsAll(r.reads()))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("sandbox resources read each other in a circle: "
						+ pending.stream().map(SandboxResource::key).toList()));
			pending.remove(next);
			ordered.add(next);
			placed.add(next.sliceType());
		}
		return new SandboxResources(ordered);
	}

	/**
	 * Every {@code @Component} {@link SandboxResource} of this package on the class path, with these
	 * Spring profiles active (a resource annotated {@code @Profile} is left out unless its profile is
	 * active), as the shell's component scan finds them; found once per set of profiles. It reads the
	 * class files of the package, so it is for tests and tools: the shell takes its resources from its
	 * beans, never from here.
	 */
	public static SandboxResources scan(String... profiles) {
		List<String> key = Arrays.stream(profiles).sorted().toList();
		return SCANNED.computeIfAbsent(key, SandboxResources::scanFor);
	}

	private static SandboxResources scanFor(List<String> profiles) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.setActiveProfiles(profiles.toArray(String[]::new));
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true,
				environment);
		// the default filter (@Component), and of those only the resources
		scanner.addExcludeFilter((reader, factory) -> !new AssignableTypeFilter(SandboxResource.class).match(reader,
				factory));
		ClassLoader loader = SandboxResources.class.getClassLoader();
		List<SandboxResource<?>> found = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(SandboxResources.class.getPackageName())) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), loader);
			found.add((SandboxResource<?>) BeanUtils.instantiateClass(type));
		}
		return of(found);
	}

	/** Only this resource, unchecked: for reading one slice of a state file without serving it. */
	static SandboxResources only(SandboxResource<?> resource) {
		return new SandboxResources(List.of(resource));
	}

	/** In the order of seeding, routing and {@code state.json}. */
	List<SandboxResource<?>> all() {
		return this.ordered;
	}

	SandboxResource<?> byKey(String key) {
		return this.byKey.get(key);
	}

	boolean holds(Class<?> sliceType) {
		return this.bySlice.containsKey(sliceType);
	}

	/** The keys, in order (for messages and tests). */
	public List<String> keys() {
		return List.copyOf(this.byKey.keySet());
	}

	@Override
	public String toString() {
		return "SandboxResources" + keys();
	}

}
