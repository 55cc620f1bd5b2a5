package io.github.mysqlresilience.pool;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cheap check of whether MySQL accepts connections again: a TCP connection that waits
 * for the server's first packet (its greeting, or an error such as 1040 too many
 * connections, which MySQL also sends first) and closes without logging in. A stopped
 * server refuses the connection; a proxy in front of a stopped server accepts it and
 * closes it without a byte; either way the knock is not answered, and the probe does not
 * spend a login on it. Only single-host {@code jdbc:mysql://} and
 * {@code jdbc:mariadb://} URLs over TCP can be knocked; the probe logs in instead for the
 * others.
 */
final class ServerKnock {

	private static final Pattern SINGLE_HOST_URL = Pattern
		.compile("^jdbc:(?:mysql|mariadb)://(?:[^/?@]*@)?(\\[[^\\]]+\\]|[^:/?,()\\[\\]]+)(?::(\\d+))?(?:[/?].*)?$",
				Pattern.CASE_INSENSITIVE);

	/**
	 * Driver properties that route the connection elsewhere than TCP to the URL's host.
	 */
	private static final Set<String> NOT_PLAIN_TCP = Set.of("localsocket", "socketfactory", "pipe", "namedpipepath");

	private static final int DEFAULT_PORT = 3306;

	private final String host;

	private final int port;

	private ServerKnock(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/**
	 * Return the knock for a pool's URL and driver properties, or empty when the
	 * connection does not go over TCP to one host named in the URL.
	 * @param url the JDBC URL
	 * @param properties the driver properties
	 * @return the knock, if the URL can be knocked
	 */
	static Optional<ServerKnock> forUrl(String url, Properties properties) {
		Matcher matcher = SINGLE_HOST_URL.matcher(url.trim());
		if (!matcher.matches() || routedElsewhere(url, properties)) {
			return Optional.empty();
		}
		String host = matcher.group(1);
		if (host.startsWith("[")) {
			host = host.substring(1, host.length() - 1);
		}
		int port = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : DEFAULT_PORT;
		return (port > 0 && port < 65536) ? Optional.of(new ServerKnock(host, port)) : Optional.empty();
	}

	private static boolean routedElsewhere(String url, Properties properties) {
		int query = url.indexOf('?');
		String options = (query >= 0) ? url.substring(query + 1).toLowerCase(Locale.ROOT) : "";
		for (String option : NOT_PLAIN_TCP) {
			if (options.contains(option + "=") || properties.keySet()
				.stream()
				.anyMatch((key) -> option.equals(key.toString().toLowerCase(Locale.ROOT)))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Knock: connect and wait for the server's first byte.
	 * @param timeout how long the connection and the wait may take each
	 * @return whether the server answered
	 */
	boolean answered(Duration timeout) {
		int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
		try (Socket socket = new Socket()) {
			socket.setSoLinger(true, 0);
			socket.connect(new InetSocketAddress(this.host, this.port), millis);
			socket.setSoTimeout(millis);
			InputStream input = socket.getInputStream();
			return input.read() >= 0;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
