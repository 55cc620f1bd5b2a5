package io.github.mysqlresilience.stream;

import java.util.Locale;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Warns at start-up about JDBC URLs whose streaming cannot survive a slow consumer:
 * Connector/J's {@code netTimeoutForStreamingResults=0} leaves the server's
 * {@code net_write_timeout} (60 s by default, often less) in force while a streaming
 * result set is open.
 *
 * @since 0.1.0
 */
public final class StreamingConfigurationCheck {

	private static final Log logger = LogFactory.getLog(StreamingConfigurationCheck.class);

	private StreamingConfigurationCheck() {
	}

	/**
	 * Return the warning for a JDBC URL, if it has one.
	 * @param url the JDBC URL
	 * @return the warning
	 */
	public static Optional<String> warning(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		if (lower.contains("nettimeoutforstreamingresults=0")) {
			return Optional.of("The JDBC URL sets netTimeoutForStreamingResults=0: a streaming result set read slower "
					+ "than the server's net_write_timeout will be aborted. Remove it (Connector/J then raises "
					+ "net_write_timeout to 600 s while streaming), or read large tables with KeysetScanner");
		}
		return Optional.empty();
	}

	/**
	 * Log the warning for a JDBC URL, if it has one.
	 * @param name the name of the data source
	 * @param url the JDBC URL
	 */
	public static void check(String name, String url) {
		warning(url).ifPresent((warning) -> logger.warn("DataSource '" + name + "': " + warning));
	}

}
