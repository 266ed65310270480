package io.astrashell.api;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

import io.astrashell.api.model.OrganizationSummary;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTPS connections kept across clients: two clients of one process with the same route and TLS
 * settings (two calls that a resident session serves, each with its own client) share one kept-alive
 * connection; another proxy, other proxy credentials or another TLS socket factory never do.
 */
class TlsPoolTest {

	@TempDir
	Path home;

	LocalSandbox sandbox;

	LoopbackTls tls;

	@BeforeEach
	void setUp() throws Exception {
		sandbox = LocalSandbox.start(home, 0);
		tls = new LoopbackTls(sandbox.endpoint().getPort());
	}

	@AfterEach
	void tearDown() throws Exception {
		tls.close();
		sandbox.close();
	}

	DevOpsClient client(Map<String, String> env, SSLSocketFactory factory) {
		// through a proxy, the host name that only the proxy resolves (to 127.0.0.1)
		String host = env.isEmpty() ? "127.0.0.1" : LoopbackTls.HOST;
		return new DevOpsClient(URI.create("https://" + host + ":" + tls.port()), sandbox.adminToken(),
				HttpSettings.DEFAULTS, Trace.NONE, Proxies.fromEnvironment(env), factory);
	}

	OrganizationSummary expected() {
		return new OrganizationSummary(sandbox.organizationId(), sandbox.organizationName());
	}

	@Test
	void clientsWithTheSameRouteAndTlsShareOneConnection() throws Exception {
		SSLSocketFactory trusting = LoopbackTls.trustingClient();
		for (int call = 0; call < 10; call++) {
			DevOpsClient client = client(Map.of(), trusting); // a new client per call, as each served call has
			assertThat(OrganizationApi.summary(client)).isEqualTo(expected());
		}
		assertThat(tls.connections()).as("ten clients, one after another").isEqualTo(1);
	}

	@Test
	void anotherTlsSocketFactoryGetsConnectionsOfItsOwn() throws Exception {
		assertThat(OrganizationApi.summary(client(Map.of(), LoopbackTls.trustingClient()))).isEqualTo(expected());
		assertThat(OrganizationApi.summary(client(Map.of(), LoopbackTls.trustingClient()))).isEqualTo(expected());
		assertThat(tls.connections()).isEqualTo(2);
	}

	@Test
	void aProxyRouteGetsItsOwnPoolSharedByItsClients() throws Exception {
		SSLSocketFactory trusting = LoopbackTls.trustingClient();
		try (LoopbackProxy proxy = new LoopbackProxy()) {
			Map<String, String> env = Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port());
			assertThat(OrganizationApi.summary(client(env, trusting))).isEqualTo(expected());
			assertThat(OrganizationApi.summary(client(env, trusting))).isEqualTo(expected());
			assertThat(proxy.tunnels).as("one tunnel for both clients of the route").hasSize(1);
			// a direct client does not use the tunnel, nor the tunnel's clients its connection
			assertThat(OrganizationApi.summary(client(Map.of(), trusting))).isEqualTo(expected());
			assertThat(OrganizationApi.summary(client(env, trusting))).isEqualTo(expected());
			assertThat(proxy.tunnels).hasSize(1);
			assertThat(tls.connections()).isEqualTo(2);
		}
	}

	@Test
	void proxyCredentialsPickThePool() throws Exception {
		SSLSocketFactory trusting = LoopbackTls.trustingClient();
		URI api = URI.create("https://" + LoopbackTls.HOST + ":443");
		Proxies.Route alice = Proxies.fromEnvironment(Map.of("HTTPS_PROXY", "http://alice:one@127.0.0.1:3128")).route(api);
		Proxies.Route aliceAgain = Proxies.fromEnvironment(Map.of("HTTPS_PROXY", "http://alice:one@127.0.0.1:3128"))
			.route(api);
		Proxies.Route otherPassword = Proxies.fromEnvironment(Map.of("HTTPS_PROXY", "http://alice:two@127.0.0.1:3128"))
			.route(api);
		Proxies.Route bob = Proxies.fromEnvironment(Map.of("HTTPS_PROXY", "http://bob:one@127.0.0.1:3128")).route(api);
		assertThat(TlsPool.factory(alice, trusting)).isSameAs(TlsPool.factory(aliceAgain, trusting))
			.isNotSameAs(TlsPool.factory(otherPassword, trusting))
			.isNotSameAs(TlsPool.factory(bob, trusting))
			.isNotSameAs(TlsPool.factory(alice, LoopbackTls.trustingClient()));
	}

}
