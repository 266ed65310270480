package io.astrashell.api;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

import io.astrashell.api.model.ExampleDatabase;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A noun added as the recipe says, its calls one file of the test tree ({@link ExampleDatabasesApi}) and no
 * main file edited, gets every guarantee of the client over HTTP: both key casings, a bodiless GET with the
 * token, ids as path segments, the typed errors of every error form, retries, and the size limit.
 */
class ExampleDatabasesApiTest {

	@StartStop
	final MockWebServer server = new MockWebServer();

	private DevOpsClient client(HttpSettings settings) {
		return new DevOpsClient(URI.create(server.url("/").toString()), DevOpsClientTest.TOKEN, settings);
	}

	private final ExampleDatabase orders = new ExampleDatabase("db-1", "orders", "ACTIVE", "us-east1");

	@Test
	void listsInBothKeyCasingsWithABodilessGet() throws Exception {
		DevOpsClient client = client(HttpSettings.DEFAULTS);
		server.enqueue(DevOpsClientTest.json(200, """
				[{"id":"db-1","name":"orders","status":"ACTIVE","region":"us-east1"},null]"""));
		server.enqueue(DevOpsClientTest.json(200, """
				[{"ID":"db-1","Name":"orders","Status":"ACTIVE","Region":"us-east1","Extra":{"a":1}},
				 {"Id":"db-2","NAME":"logs","STATUS":"HIBERNATED","REGION":"eu-west1"}]"""));
		assertThat(ExampleDatabasesApi.list(client)).containsExactly(orders); // a null item left out
		assertThat(ExampleDatabasesApi.list(client)).containsExactly(orders,
				new ExampleDatabase("db-2", "logs", "HIBERNATED", "eu-west1"));
		for (int i = 0; i < 2; i++) {
			RecordedRequest request = server.takeRequest();
			assertThat(request.getMethod()).isEqualTo("GET");
			assertThat(request.getTarget()).isEqualTo("/v2/databases");
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + DevOpsClientTest.TOKEN);
			assertThat(request.getHeaders().get("Content-Type")).isNull();
			assertThat(request.getHeaders().get("Content-Length")).isNull();
			assertThat(request.getBody()).isNull();
		}
	}

	@Test
	void getsOneByItsIdAsAPathSegment() throws Exception {
		DevOpsClient client = client(HttpSettings.DEFAULTS);
		server.enqueue(DevOpsClientTest.json(200, "{\"Id\":\"db-1\",\"Name\":\"orders\",\"Status\":\"ACTIVE\",\"Region\":\"us-east1\"}"));
		assertThat(ExampleDatabasesApi.get(client, "db 1/x")).isEqualTo(orders);
		assertThat(server.takeRequest().getTarget()).isEqualTo("/v2/databases/db%201%2Fx");
	}

	@Test
	void failuresAreTheApisTypedErrors() {
		DevOpsClient client = client(HttpSettings.DEFAULTS);
		server.enqueue(DevOpsClientTest.json(404, "{\"errors\":[{\"ID\":3,\"message\":\"database not found\"}]}"));
		assertThatThrownBy(() -> ExampleDatabasesApi.get(client, "nope")).isInstanceOf(ApiException.NotFound.class)
			.extracting(e -> ((ApiException) e).serverMessage()).isEqualTo("database not found");
		server.enqueue(DevOpsClientTest.json(403, "\"no access to databases\""));
		assertThatThrownBy(() -> ExampleDatabasesApi.list(client)).isInstanceOf(ApiException.Forbidden.class)
			.extracting(e -> ((ApiException) e).serverMessage()).isEqualTo("no access to databases");
		server.enqueue(DevOpsClientTest.text(200, "text/html", "<html>captive portal</html>"));
		assertThatThrownBy(() -> ExampleDatabasesApi.list(client)).isInstanceOf(ApiException.UnexpectedResponse.class);
		server.enqueue(new MockResponse.Builder().code(200).build());
		assertThatThrownBy(() -> ExampleDatabasesApi.list(client)).isInstanceOf(ApiException.UnexpectedResponse.class)
			.hasMessageContaining("no body");
	}

	@Test
	void aBusyServerIsRetriedAndALargeAnswerRefused() {
		server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").build());
		server.enqueue(DevOpsClientTest.json(200, "null"));
		List<ExampleDatabase> none = ExampleDatabasesApi.list(client(HttpSettings.DEFAULTS));
		assertThat(none).isNotNull().isEmpty();
		assertThat(none.contains(null)).isFalse(); // a caller may ask, as the services do
		assertThat(server.getRequestCount()).isEqualTo(2);
		server.enqueue(DevOpsClientTest.json(200, "[" + "{\"id\":\"db\"},".repeat(100) + "{}]"));
		assertThatThrownBy(() -> ExampleDatabasesApi.list(client(HttpSettings.DEFAULTS.withMaxResponseSize(512))))
			.isInstanceOf(ApiException.TooLarge.class);
	}

	@Test
	void aServiceCallsItAsItCallsTheOtherNouns() {
		// the shape of ApiCalls.call's last argument: no method per noun on DevOpsClient
		Function<DevOpsClient, List<ExampleDatabase>> list = ExampleDatabasesApi::list;
		server.enqueue(DevOpsClientTest.json(200, "[{\"id\":\"db-1\",\"name\":\"orders\",\"status\":\"ACTIVE\",\"region\":\"us-east1\"}]"));
		assertThat(list.apply(client(HttpSettings.DEFAULTS))).containsExactly(orders);
	}

}
