package io.github.mysqlresilience.pool;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knock: which URLs can be knocked, and what counts as an answer. A server that sends
 * its first packet answered; a closed port, and a proxy that accepts and closes without a
 * byte (a proxy in front of a stopped server), did not.
 */
class ServerKnockTests {

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	@Test
	void singleHostTcpUrlsCanBeKnocked() {
		assertThat(knock("jdbc:mysql://db.example.com:3307/app?useSSL=false")).hasToString("db.example.com:3307");
		assertThat(knock("jdbc:mysql://db.example.com/app")).hasToString("db.example.com:3306");
		assertThat(knock("jdbc:mariadb://127.0.0.1:3310")).hasToString("127.0.0.1:3310");
		assertThat(knock("jdbc:mysql://user:secret@db:3309/app")).hasToString("db:3309");
		assertThat(knock("jdbc:mysql://[::1]:3308/app")).hasToString("::1:3308");
	}

	@Test
	void urlsThatDoNotGoOverTcpToOneHostAreNotKnocked() {
		assertThat(ServerKnock.forUrl("jdbc:mysql://a:3306,b:3306/app", new Properties())).isEmpty();
		assertThat(ServerKnock.forUrl("jdbc:mysql:replication://a,b/app", new Properties())).isEmpty();
		assertThat(ServerKnock.forUrl("jdbc:mariadb:sequential://a,b/app", new Properties())).isEmpty();
		assertThat(ServerKnock.forUrl("jdbc:mysql://address=(host=a)(port=3306)/app", new Properties())).isEmpty();
		assertThat(ServerKnock.forUrl("jdbc:aws-wrapper:mysql://a:3306/app", new Properties())).isEmpty();
		assertThat(ServerKnock.forUrl("jdbc:mariadb://localhost/app?localSocket=/run/mysqld.sock", new Properties()))
			.isEmpty();
		Properties socketFactory = new Properties();
		socketFactory.setProperty("socketFactory", "com.example.Tunnel");
		assertThat(ServerKnock.forUrl("jdbc:mysql://a:3306/app", socketFactory)).isEmpty();
	}

	@Test
	void aServerThatSendsItsFirstPacketAnswers() throws Exception {
		try (ServerSocket server = new ServerSocket(0)) {
			Thread greeter = new Thread(() -> {
				try (Socket client = server.accept()) {
					client.getOutputStream().write(new byte[] { 0x4a, 0, 0, 0, 0x0a });
					client.getInputStream().read();
				}
				catch (IOException ex) {
					// the knock closed first
				}
			});
			greeter.start();
			assertThat(knock("jdbc:mysql://127.0.0.1:" + server.getLocalPort() + "/app").answered(TIMEOUT)).isTrue();
			greeter.join(2000);
		}
	}

	@Test
	void aProxyThatClosesWithoutAByteDoesNotAnswer() throws Exception {
		try (ServerSocket proxy = new ServerSocket(0)) {
			Thread closer = new Thread(() -> {
				try (Socket client = proxy.accept()) {
					// nothing behind the proxy
				}
				catch (IOException ex) {
					// ignored
				}
			});
			closer.start();
			assertThat(knock("jdbc:mysql://127.0.0.1:" + proxy.getLocalPort() + "/app").answered(TIMEOUT)).isFalse();
			closer.join(2000);
		}
	}

	@Test
	void aClosedPortDoesNotAnswer() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		assertThat(knock("jdbc:mysql://127.0.0.1:" + closedPort + "/app").answered(TIMEOUT)).isFalse();
	}

	private static ServerKnock knock(String url) {
		return ServerKnock.forUrl(url, new Properties()).orElseThrow();
	}

}
