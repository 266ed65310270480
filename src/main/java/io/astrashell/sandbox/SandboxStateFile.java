package io.astrashell.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form of {@code state.json}: a JSON object holding {@code "version"} (the form of the file, {@link
 * #VERSION}), {@code "versions"} (the version of each slice, by key) and each slice under its
 * resource's key.
 * <pre>
 * {"version":2,"versions":{"org":1,"roles":1,"users":1,"tokens":1},
 *  "org":{...},"roles":[...],"users":[...],"tokens":{...}}
 * </pre>
 * Reading gives each resource its slice in the form it was written ({@link SandboxResource#read}); a
 * key no resource here reads is kept as its bytes were, and written back so; a resource whose key is
 * missing (or null) gets its seed at the next operation. Version 1 of the file (before resources had
 * slices of their own: {@code orgId}, {@code orgName}, {@code adminToken}, {@code roles},
 * {@code users}, {@code clients} at the top) is read as version 1 of the org, roles, users and tokens
 * slices. A file or slice of a version newer than this code knows is refused.
 */
final class SandboxStateFile {

	/** The form of the file this code writes. */
	static final int VERSION = 2;

	static final String VERSION_KEY = "version";

	static final String VERSIONS_KEY = "versions";

	static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private SandboxStateFile() {
	}

	/** Where a top-level value lies in the file. */
	private record Span(int offset, int length) {
	}

	/**
	 * The state of these bytes, read by these resources.
	 * @throws IllegalArgumentException (or a Jackson exception) when the bytes are not a state this code reads
	 */
	static SandboxState read(byte[] bytes, SandboxResources resources) {
		Map<String, Span> spans = spans(bytes);
		Span version = spans.get(VERSION_KEY);
		if (version == null) {
			throw new IllegalArgumentException("it has no version");
		}
		int fileVersion = MAPPER.readValue(bytes, version.offset(), version.length(), Integer.class);
		if (fileVersion == 1) {
			return fromVersion1(MAPPER.readTree(bytes), resources);
		}
		if (fileVersion != VERSION) {
			throw new IllegalArgumentException("it is of version " + fileVersion + ", newer than this astra shell reads ("
					+ VERSION + "): a newer version wrote it");
		}
		Span versionsSpan = spans.get(VERSIONS_KEY);
		Map<String, Integer> versions = new LinkedHashMap<>();
		if (versionsSpan != null) {
			JsonNode node = MAPPER.readTree(bytes, versionsSpan.offset(), versionsSpan.length());
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				versions.put(entry.getKey(), entry.getValue().isInt() ? entry.getValue().intValue() : null);
			}
		}
		SandboxState state = new SandboxState(resources);
		for (Map.Entry<String, Span> entry : spans.entrySet()) {
			String key = entry.getKey();
			Span span = entry.getValue();
			if (SandboxResources.RESERVED_KEYS.contains(key) || isNull(bytes, span)) {
				continue;
			}
			SandboxResource<?> resource = resources.byKey(key);
			if (resource == null) {
				state.keepUnread(key, new String(bytes, span.offset(), span.length(), StandardCharsets.UTF_8),
						versions.get(key));
				continue;
			}
			Integer sliceVersion = versions.get(key); // none: the first
			readSlice(state, resource, SliceJson.of(bytes, span.offset(), span.length()),
					sliceVersion == null ? 1 : sliceVersion);
		}
		return state;
	}

	private static void readSlice(SandboxState state, SandboxResource<?> resource, SliceJson json, int version) {
		if (version > resource.version()) {
			throw new IllegalArgumentException("its " + resource.key() + " are of version " + version
					+ ", newer than this astra shell reads (" + resource.version() + "): a newer version wrote them");
		}
		if (version < 1) {
			throw new IllegalArgumentException("its " + resource.key() + " are of version " + version);
		}
		state.put(resource, resource.read(json, version));
		if (version < resource.version()) {
			state.markOutdated();
		}
	}

	/** Version 1: the organization's fields, roles, users and clients at the top of one object. */
	private static SandboxState fromVersion1(JsonNode file, SandboxResources resources) {
		Map<String, JsonNode> slices = new LinkedHashMap<>();
		if (file.hasNonNull("orgId")) {
			ObjectNode org = MAPPER.createObjectNode();
			org.set("id", file.get("orgId"));
			org.set("name", file.get("orgName"));
			slices.put(OrgResource.KEY, org);
		}
		putIfPresent(slices, RolesResource.KEY, file.get("roles"));
		putIfPresent(slices, UsersResource.KEY, file.get("users"));
		if (file.hasNonNull("clients")) {
			ObjectNode tokens = MAPPER.createObjectNode();
			tokens.set("adminToken", file.get("adminToken"));
			tokens.set("clients", file.get("clients"));
			slices.put(TokensResource.KEY, tokens);
		}
		SandboxState state = new SandboxState(resources);
		for (Map.Entry<String, JsonNode> slice : slices.entrySet()) {
			SandboxResource<?> resource = resources.byKey(slice.getKey());
			if (resource == null) {
				state.keepUnread(slice.getKey(), MAPPER.writeValueAsString(slice.getValue()), 1);
			}
			else {
				readSlice(state, resource, SliceJson.of(slice.getValue()), 1);
			}
		}
		state.markOutdated();
		return state;
	}

	private static void putIfPresent(Map<String, JsonNode> slices, String key, JsonNode value) {
		if (value != null && !value.isNull()) {
			slices.put(key, value);
		}
	}

	/** The span of every top-level value of the object in {@code bytes}, by key. */
	private static Map<String, Span> spans(byte[] bytes) {
		Map<String, Span> spans = new LinkedHashMap<>();
		try (JsonParser parser = MAPPER.createParser(bytes)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("it is not a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = parser.currentName();
				JsonToken value = parser.nextToken();
				long start = parser.currentTokenLocation().getByteOffset();
				if (value.isStructStart()) {
					parser.skipChildren();
				}
				else {
					parser.finishToken();
				}
				long end = parser.currentLocation().getByteOffset();
				if (start < 0 || end < start) {
					throw new IllegalArgumentException("no byte offsets for " + key);
				}
				spans.put(key, new Span((int) start, (int) (end - start)));
			}
			if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
				throw new IllegalArgumentException("it does not end with its object");
			}
		}
		return spans;
	}

	private static boolean isNull(byte[] bytes, Span span) {
		return span.length() == 4 && new String(bytes, span.offset(), 4, StandardCharsets.US_ASCII).equals("null");
	}

	/** The bytes of {@code state.json} for this state. */
	static byte[] write(SandboxState state) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
		try (JsonGenerator g = MAPPER.createGenerator(out)) {
			g.writeStartObject();
			g.writeNumberProperty(VERSION_KEY, VERSION);
			g.writeName(VERSIONS_KEY);
			g.writeStartObject();
			for (SandboxResource<?> resource : state.resources().all()) {
				if (state.sliceAt(resource.key()) != null) {
					g.writeNumberProperty(resource.key(), resource.version());
				}
			}
			for (Map.Entry<String, SandboxState.Unread> unread : state.unread().entrySet()) {
				if (unread.getValue().version() != null) {
					g.writeNumberProperty(unread.getKey(), unread.getValue().version());
				}
			}
			g.writeEndObject();
			for (SandboxResource<?> resource : state.resources().all()) {
				SandboxSlice slice = state.sliceAt(resource.key());
				if (slice != null) {
					g.writeName(resource.key());
					g.writePOJO(written(resource, slice));
				}
			}
			for (Map.Entry<String, SandboxState.Unread> unread : state.unread().entrySet()) {
				g.writeName(unread.getKey());
				g.writeRawValue(unread.getValue().json());
			}
			g.writeEndObject();
		}
		return out.toByteArray();
	}

	private static <S extends SandboxSlice> Object written(SandboxResource<S> resource, SandboxSlice slice) {
		return resource.write(resource.sliceType().cast(slice));
	}

}
