package io.github.mysqlresilience.pool;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe's schedule: knocks call for a login at once, logins no knock called for back
 * off, and a server that answers knocks but fails logins is not knocked for again.
 */
class ProbeScheduleTests {

	private static final long TICK = Duration.ofMillis(100).toNanos();

	@Test
	void aTwentySecondOutageCostsFewLoginsWhenTheKnockIsNotAnswered() {
		ProbeSchedule schedule = new ProbeSchedule(Duration.ofSeconds(1), Duration.ofSeconds(5));
		int logins = 0;
		for (long now = 0; now < Duration.ofSeconds(20).toNanos(); now += TICK) {
			if (schedule.loginNow(now, false)) {
				logins++;
				schedule.loginFailed(now, false);
			}
		}
		// at 0, 1, 3, 7, 12 and 17 s
		assertThat(logins).isEqualTo(6);
	}

	@Test
	void anAnsweredKnockCallsForALoginAtOnce() {
		ProbeSchedule schedule = new ProbeSchedule(Duration.ofSeconds(1), Duration.ofSeconds(5));
		assertThat(schedule.loginNow(0, false)).isTrue();
		schedule.loginFailed(0, false);
		assertThat(schedule.loginNow(TICK, false)).isFalse();
		assertThat(schedule.loginNow(TICK, true)).isTrue();
	}

	@Test
	void aServerThatAnswersKnocksButFailsLoginsIsLoggedIntoOnTheBackoffOnly() {
		ProbeSchedule schedule = new ProbeSchedule(Duration.ofSeconds(1), Duration.ofSeconds(5));
		int logins = 0;
		for (long now = 0; now < Duration.ofSeconds(20).toNanos(); now += TICK) {
			if (schedule.loginNow(now, true)) {
				logins++;
				schedule.loginFailed(now, true);
			}
		}
		assertThat(logins).isEqualTo(6);
	}

	@Test
	void theScheduleStartsOverOnceTheServerWasReached() {
		ProbeSchedule schedule = new ProbeSchedule(Duration.ofSeconds(1), Duration.ofSeconds(5));
		schedule.loginFailed(0, true);
		schedule.loginFailed(TICK, false);
		schedule.reset();
		assertThat(schedule.loginNow(2 * TICK, false)).as("first login of the next outage").isTrue();
		schedule.loginFailed(2 * TICK, false);
		assertThat(schedule.loginNow(3 * TICK, true)).as("knocks trusted again").isTrue();
		assertThat(schedule.loginNow(3 * TICK, false)).isFalse();
		assertThat(schedule.loginNow(2 * TICK + Duration.ofSeconds(1).toNanos(), false)).as("backoff from 1 s again")
			.isTrue();
	}

}
