package io.github.mysqlresilience.commit;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The {@link RuntimeHints} of commit-outcome resolution: the JDK proxy of the connections
 * it marks.
 *
 * @since 0.1.0
 */
public final class CommitOutcomeRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.proxies().registerJdkProxy(MarkedConnection.proxiedInterfaces());
	}

}
