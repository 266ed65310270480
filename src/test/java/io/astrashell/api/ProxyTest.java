package io.astrashell.api;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

import io.astrashell.api.model.OrganizationSummary;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy of the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, in either case): which requests it
 * takes, and requests that really go through a proxy on 127.0.0.1 to the sandbox, over plain http
 * (absolute-URI forwarding) and https (a CONNECT tunnel to a TLS front with a throwaway certificate).
 * The target host is a made-up name that only the test proxy "resolves" (to 127.0.0.1).
 */
class ProxyTest {

	@TempDir
	Path home;

	LocalSandbox sandbox;

	final List<AutoCloseable> closing = new ArrayList<>();

	@BeforeEach
	void start() throws Exception {
		sandbox = LocalSandbox.start(home, 0);
	}

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable c : closing) {
			c.close();
		}
		sandbox.close();
	}

	<T extends AutoCloseable> T closing(T c) {
		closing.add(c);
		return c;
	}

	static Proxies.Route route(Map<String, String> env, String url) {
		return Proxies.fromEnvironment(env).route(URI.create(url));
	}

	static String proxyOf(Map<String, String> env, String url) {
		Proxies.Route r = route(env, url);
		if (r.proxy() == null) {
			return "default";
		}
		if (r.proxy().type() == Proxy.Type.DIRECT) {
			return "direct";
		}
		InetSocketAddress a = (InetSocketAddress) r.proxy().address();
		return a.getHostString() + ":" + a.getPort();
	}

	// ---- which requests go through the proxy

	@Test
	void noProxyTakesHostsSuffixesPortsAddressesAndRanges() {
		Map<String, String> env = Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY",
				".corp.example, internal:8443,10.0.0.0/8 192.168.1.7,[fd00::1],*.svc,Intra.Example.");
		assertThat(proxyOf(env, "https://api.astra.datastax.com")).isEqualTo("proxy.corp:3128");
		assertThat(proxyOf(env, "https://corp.example")).isEqualTo("direct");
		assertThat(proxyOf(env, "https://api.corp.example:8443/v2")).isEqualTo("direct");
		assertThat(proxyOf(env, "https://notcorp.example")).isEqualTo("proxy.corp:3128");
		assertThat(proxyOf(env, "https://internal:8443")).isEqualTo("direct");
		assertThat(proxyOf(env, "https://internal")).as("port 443 is not 8443").isEqualTo("proxy.corp:3128");
		assertThat(proxyOf(env, "https://10.1.2.3")).isEqualTo("direct");
		assertThat(proxyOf(env, "https://11.1.2.3")).isEqualTo("proxy.corp:3128");
		assertThat(proxyOf(env, "https://192.168.1.7:9000")).isEqualTo("direct");
		assertThat(proxyOf(env, "https://192.168.1.8")).isEqualTo("proxy.corp:3128");
		assertThat(proxyOf(env, "https://[fd00:0:0::1]:8443")).isEqualTo("direct");
		assertThat(proxyOf(env, "https://[fd00::2]")).isEqualTo("proxy.corp:3128");
		assertThat(proxyOf(env, "https://a.b.svc")).isEqualTo("direct");
		assertThat(proxyOf(env, "https://API.INTRA.example")).isEqualTo("direct");
		assertThat(route(env, "https://corp.example").description()).contains("NO_PROXY");
	}

	@Test
	void aStarInNoProxyMatchesEverything() {
		Map<String, String> env = Map.of("https_proxy", "proxy:3128", "no_proxy", "*");
		assertThat(proxyOf(env, "https://api.astra.datastax.com")).isEqualTo("direct");
	}

	@Test
	void loopbackIsAlwaysReachedDirectly() {
		Map<String, String> env = Map.of("HTTPS_PROXY", "http://proxy:3128", "HTTP_PROXY", "http://proxy:3128");
		for (String url : List.of("http://127.0.0.1:8181", "https://127.1.2.3", "http://localhost:1",
				"http://sandbox.localhost:1", "https://[::1]:8443", "HTTP://LOCALHOST")) {
			assertThat(proxyOf(env, url)).as(url).isEqualTo("direct");
		}
		assertThat(route(env, "http://127.0.0.1:1").description()).contains("loopback");
	}

	@Test
	void eachSchemeHasItsVariableTheLowerCaseNameFirst() {
		Map<String, String> env = Map.of("https_proxy", "http://low:1", "HTTPS_PROXY", "http://up:2", "HTTP_PROXY",
				"http://plain:3");
		assertThat(proxyOf(env, "https://api.example")).isEqualTo("low:1");
		assertThat(proxyOf(env, "http://api.example")).isEqualTo("plain:3");
		assertThat(route(env, "https://api.example").variable()).isEqualTo("https_proxy");
		assertThat(proxyOf(Map.of("HTTPS_PROXY", "http://up:2"), "http://api.example")).as("no HTTP_PROXY")
			.isEqualTo("default");
		assertThat(proxyOf(Map.of("HTTPS_PROXY", " "), "https://api.example")).isEqualTo("default");
		assertThat(proxyOf(Map.of(), "https://api.example")).isEqualTo("default");
	}

	@Test
	void aProxyUrlMayLackItsSchemeAndPortAndCarryCredentials() {
		assertThat(proxyOf(Map.of("HTTPS_PROXY", "proxy.corp:8080"), "https://a.example")).isEqualTo("proxy.corp:8080");
		assertThat(proxyOf(Map.of("HTTPS_PROXY", "HTTP://proxy.corp"), "https://a.example")).isEqualTo("proxy.corp:80");
		Proxies.Route r = route(Map.of("HTTPS_PROXY", "http://al%40ice:p%3Ass+w@proxy:3128/"), "https://a.example");
		assertThat(r.user()).isEqualTo("al@ice");
		assertThat(r.password()).isEqualTo("p:ss+w");
		assertThat(r.toString()).isEqualTo("http://al@ice:****@proxy:3128 (HTTPS_PROXY)").doesNotContain("p:ss");
	}

	@Test
	void anUnusableProxyUrlIsRefusedNamingTheVariableNotThePassword() {
		for (String value : List.of("socks5://proxy:1080", "https://proxy:443", "http://u:s3cret@:3128",
				"http://proxy:99999", "http://u:s3cret@pro xy:1")) {
			assertThatThrownBy(() -> route(Map.of("HTTPS_PROXY", value), "https://a.example")).as(value)
				.isInstanceOf(Proxies.Invalid.class)
				.hasMessageContaining("The proxy in HTTPS_PROXY cannot be used")
				.hasMessageNotContaining("s3cret");
		}
		assertThatThrownBy(() -> route(Map.of("HTTPS_PROXY", "socks5://proxy:1080"), "https://a.example"))
			.hasMessageContaining("'socks5://' proxies are not supported");
		// a bad variable for the other scheme, or one that NO_PROXY bypasses, is not in the way
		assertThat(proxyOf(Map.of("HTTP_PROXY", "socks5://p:1"), "https://a.example")).isEqualTo("default");
		assertThat(proxyOf(Map.of("HTTPS_PROXY", "socks5://p:1", "NO_PROXY", "a.example"), "https://a.example"))
			.isEqualTo("direct");
	}

	// ---- through a real proxy on 127.0.0.1

	DevOpsClient client(String baseUrl, Map<String, String> env, SSLSocketFactory tls) {
		return new DevOpsClient(URI.create(baseUrl), sandbox.adminToken(), HttpSettings.DEFAULTS, Trace.NONE,
				Proxies.fromEnvironment(env), tls);
	}

	OrganizationSummary expected() {
		return new OrganizationSummary(sandbox.organizationId(), sandbox.organizationName());
	}

	@Test
	void plainHttpGoesThroughTheProxyAsAnAbsoluteUri() throws Exception {
		LoopbackProxy proxy = closing(new LoopbackProxy());
		int port = sandbox.endpoint().getPort();
		DevOpsClient client = client("http://" + LoopbackTls.HOST + ":" + port,
				Map.of("http_proxy", "http://127.0.0.1:" + proxy.port()), null);
		assertThat(OrganizationApi.summary(client)).isEqualTo(expected());
		assertThat(RolesApi.list(client)).isNotEmpty();
		assertThat(proxy.forwarded).containsExactly("http://api.astra.test:" + port + "/v2/organizations/users",
				"http://api.astra.test:" + port + "/v2/organizations/roles");
		assertThat(proxy.tunnels).isEmpty();
	}

	@Test
	void httpsGoesThroughTheProxyInAConnectTunnel() throws Exception {
		LoopbackProxy proxy = closing(new LoopbackProxy());
		LoopbackTls tls = closing(new LoopbackTls(sandbox.endpoint().getPort()));
		DevOpsClient client = client("https://" + LoopbackTls.HOST + ":" + tls.port(),
				Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port()), LoopbackTls.trustingClient());
		assertThat(OrganizationApi.summary(client)).isEqualTo(expected());
		assertThat(TokensApi.list(client).clients()).isNotEmpty();
		assertThat(proxy.tunnels).as("one tunnel, kept alive for both requests").containsExactly("api.astra.test:" + tls.port());
		assertThat(proxy.forwarded).isEmpty();
	}

	@Test
	void proxyCredentialsGoWithPlainHttpRequests() throws Exception {
		LoopbackProxy proxy = closing(new LoopbackProxy("alice", "p@ss:word"));
		int port = sandbox.endpoint().getPort();
		DevOpsClient client = client("http://" + LoopbackTls.HOST + ":" + port,
				Map.of("HTTP_PROXY", "http://alice:p%40ss%3Aword@127.0.0.1:" + proxy.port()), null);
		assertThat(OrganizationApi.summary(client)).isEqualTo(expected());
		assertThat(proxy.refused.get()).isZero();
		assertThat(proxy.forwarded).hasSize(1);
	}

	@Test
	void aProxyAskingForCredentialsIsNamedWithWhatToDo() throws Exception {
		LoopbackProxy proxy = closing(new LoopbackProxy("alice", "secret"));
		LoopbackTls tls = closing(new LoopbackTls(sandbox.endpoint().getPort()));
		DevOpsClient https = client("https://" + LoopbackTls.HOST + ":" + tls.port(),
				Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port()), LoopbackTls.trustingClient());
		assertThatThrownBy(() -> OrganizationApi.summary(https)).isInstanceOf(ApiException.Unreachable.class)
			.satisfies(e -> assertThat(((ApiException.Unreachable) e).kind()).isEqualTo(ApiException.Unreachable.Kind.PROXY_AUTH))
			.hasMessageContaining("the proxy http://127.0.0.1:" + proxy.port() + " (HTTPS_PROXY) did not connect to "
					+ "the server: it answered HTTP/1.1 407 Proxy Authentication Required: it asks for a user and "
					+ "password; give them in HTTPS_PROXY (user:password@ before its host)");
		DevOpsClient http = client("http://" + LoopbackTls.HOST + ":" + sandbox.endpoint().getPort(),
				Map.of("HTTP_PROXY", "http://alice:wrong@127.0.0.1:" + proxy.port()), null);
		assertThatThrownBy(() -> OrganizationApi.summary(http)).isInstanceOf(ApiException.Unreachable.class)
			.hasMessageContaining("answered 407 Proxy Authentication Required: it refused the user and password "
					+ "given in HTTP_PROXY")
			.hasMessageNotContaining("wrong");
	}

	@Test
	void aProxyThatIsNotThereIsNamed() throws Exception {
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		DevOpsClient client = client("https://" + LoopbackTls.HOST + ":8443",
				Map.of("HTTPS_PROXY", "http://bob:hunter2@127.0.0.1:" + port), null);
		assertThatThrownBy(() -> OrganizationApi.summary(client)).isInstanceOf(ApiException.Unreachable.class)
			.hasMessageEndingWith("connection refused by the proxy http://bob:****@127.0.0.1:" + port + " (HTTPS_PROXY)");
	}

}
