package io.github.mysqlresilience.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample on its embedded server: a transfer succeeds, the same idempotency key twice
 * makes one transfer, and the health endpoint shows the {@code mysql} contributor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void runsOnTheEmbeddedServerAsTheApplicationUser() {
		assertThat(this.jdbc.sql("SELECT VERSION()").query(String.class).single()).containsIgnoringCase("MariaDB");
		assertThat(this.jdbc.sql("SELECT CURRENT_USER()").query(String.class).single()).startsWith("mr_app@");
	}

	@Test
	void transferHappensOncePerIdempotencyKey() throws Exception {
		String transfer = "{\"idempotencyKey\":\"t-42\",\"from\":1,\"to\":2,\"amount\":500}";
		HttpResponse<String> first = post("/transfers", transfer);
		HttpResponse<String> second = post("/transfers", transfer);
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(first.body()).contains("\"status\":\"done\"");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.body()).contains("already done");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM transfer WHERE idempotency_key = 't-42'")
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(get("/accounts/1").body()).contains("\"balance\":999500");
		assertThat(get("/accounts/total").body()).contains("\"total\":8000000");
	}

	@Test
	void healthShowsTheMySqlContributor() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"mysql\":{").contains("\"flavour\":\"MariaDB\"")
			.contains("\"readOnly\":false");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
