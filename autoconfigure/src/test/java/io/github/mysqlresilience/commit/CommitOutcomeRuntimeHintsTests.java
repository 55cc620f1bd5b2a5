package io.github.mysqlresilience.commit;

import java.lang.reflect.Proxy;
import java.sql.Connection;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK proxy hint of the marked connections matches the proxies they are.
 */
class CommitOutcomeRuntimeHintsTests {

	@Test
	void theHintNamesTheInterfacesOfAMarkedConnection() {
		RuntimeHints hints = new RuntimeHints();
		new CommitOutcomeRuntimeHints().registerHints(hints, getClass().getClassLoader());
		// Wrapping only: the marked connection is not used, so it needs nothing to work on
		Connection marked = MarkedConnection.wrap(null, null, null);
		assertThat(Proxy.isProxyClass(marked.getClass())).isTrue();
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(marked.getClass().getInterfaces()))
			.accepts(hints);
	}

}
