package io.astrashell.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.astrashell.AstraSettings;
import org.springframework.core.env.MapPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads an application.yml into a property source with Spring's flat keys
 * ({@code astra.http.read-timeout}, {@code list[0]}), every value as the text written in the file.
 *
 * <p>SnakeYAML's composer gives the node tree; this does not construct Java objects from it, as
 * Spring Boot's loader does, because that would start SnakeYAML's type descriptions (and with them
 * {@code java.util.logging}) and Spring's conversion service on the path of every one-shot command,
 * to turn numbers into objects that the settings read back as text. Measured on the HTTPS one-shot
 * against Spring Boot's {@code YamlPropertySourceLoader} (A/B, see {@link io.astrashell.startup}):
 * 9 ms of CPU time (90% interval 2 to 15).
 */
public final class SettingsYaml {

	private SettingsYaml() {
	}

	/** The settings in {@code in}; {@code where} names the file in the error of a malformed one. */
	public static MapPropertySource load(String name, String where, InputStream in) throws IOException {
		LoaderOptions options = new LoaderOptions();
		try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			Node root = new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options)
				.getSingleNode();
			Map<String, Object> flat = new LinkedHashMap<>();
			if (root != null) {
				flatten("", root, flat, where);
			}
			return new MapPropertySource(name, flat);
		}
		catch (MarkedYAMLException e) {
			int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
			throw new AstraSettings.Invalid(where + ": line " + line + ": " + e.getProblem()
					+ ": correct the file, or delete the line to take the default");
		}
		catch (YAMLException e) {
			throw new AstraSettings.Invalid(where + ": " + e.getMessage());
		}
	}

	private static void flatten(String path, Node node, Map<String, Object> into, String where) {
		if (node instanceof MappingNode mapping) {
			for (NodeTuple entry : mapping.getValue()) {
				if (!(entry.getKeyNode() instanceof ScalarNode key)) {
					throw new AstraSettings.Invalid(where + ": line " + (entry.getKeyNode().getStartMark().getLine() + 1)
							+ ": a key must be a plain name");
				}
				flatten(path.isEmpty() ? key.getValue() : path + "." + key.getValue(), entry.getValueNode(), into, where);
			}
		}
		else if (node instanceof SequenceNode sequence) {
			for (int i = 0; i < sequence.getValue().size(); i++) {
				flatten(path + "[" + i + "]", sequence.getValue().get(i), into, where);
			}
		}
		else {
			ScalarNode scalar = (ScalarNode) node;
			into.put(path, Tag.NULL.equals(scalar.getTag()) ? "" : scalar.getValue());
		}
	}

}
