package io.github.mysqlresilience.sample.chaos;

import java.util.Map;

import io.github.mysqlresilience.test.EmbeddedMySqlServer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Faults to play with on a running sample, on the embedded server only: watch
 * {@code /actuator/health} and {@code /actuator/prometheus} move.
 */
@RestController
@RequestMapping("/chaos")
@ConditionalOnBean(EmbeddedMySqlServer.class)
class ChaosController {

	private final EmbeddedMySqlServer server;

	ChaosController(EmbeddedMySqlServer server) {
		this.server = server;
	}

	@PostMapping("/restart")
	Map<String, Object> restart() {
		this.server.restart();
		return Map.of("fault", "restart");
	}

	@PostMapping("/crash")
	Map<String, Object> crash() {
		this.server.crash();
		this.server.start();
		return Map.of("fault", "crash and start");
	}

	@PostMapping("/read-only")
	Map<String, Object> readOnly(@RequestParam(defaultValue = "true") boolean on) {
		this.server.setReadOnly(on);
		return Map.of("fault", "read-only", "readOnly", on);
	}

	@PostMapping("/kill-connections")
	Map<String, Object> killConnections() {
		return Map.of("fault", "kill connections", "killed",
				this.server.killConnections(this.server.applicationCredentials().username()));
	}

	@PostMapping("/kill-queries")
	Map<String, Object> killQueries() {
		return Map.of("fault", "kill queries", "killed",
				this.server.killQueries(this.server.applicationCredentials().username()));
	}

	@PostMapping("/outage")
	Map<String, Object> outage(@RequestParam(defaultValue = "20") int seconds) throws InterruptedException {
		this.server.stop();
		try {
			Thread.sleep(seconds * 1000L);
		}
		finally {
			this.server.start();
		}
		return Map.of("fault", "outage", "seconds", seconds);
	}

}
