package io.github.mysqlresilience.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.util.StringUtils;

/**
 * The attributes of a Spring Framework {@link Retryable}, read once as Spring reads them:
 * the text form of an attribute (a placeholder, a number in the annotation's time unit,
 * or a duration such as {@code 1s}) when given, otherwise its number, written or left at
 * Spring's default. Both the MySQL-aware retry and, for reactive methods, Spring's own
 * interceptor are configured from it.
 *
 * @param maxRetries the retries after the first attempt
 * @param timeout the time limit, zero for none
 * @param delay the delay before the first retry
 * @param jitter Spring's jitter (the MySQL-aware retry always jitters in full)
 * @param multiplier the delay's growth per retry
 * @param maxDelay the longest delay ({@code Long.MAX_VALUE} ms for none)
 */
record RetryableAttributes(long maxRetries, Duration timeout, Duration delay, Duration jitter, double multiplier,
		Duration maxDelay) {

	static RetryableAttributes read(Retryable retryable, UnaryOperator<String> resolver) {
		TimeUnit unit = retryable.timeUnit();
		long maxRetries = StringUtils.hasText(retryable.maxRetriesString())
				? Long.parseLong(resolver.apply(retryable.maxRetriesString())) : retryable.maxRetries();
		double multiplier = StringUtils.hasText(retryable.multiplierString())
				? Double.parseDouble(resolver.apply(retryable.multiplierString())) : retryable.multiplier();
		return new RetryableAttributes(maxRetries, duration(retryable.timeout(), retryable.timeoutString(), unit, resolver),
				duration(retryable.delay(), retryable.delayString(), unit, resolver),
				duration(retryable.jitter(), retryable.jitterString(), unit, resolver), multiplier,
				duration(retryable.maxDelay(), retryable.maxDelayString(), unit, resolver));
	}

	/**
	 * {@code Long.MAX_VALUE} (Spring's "no maximum") stays unbounded whatever the unit.
	 */
	private static Duration duration(long value, String text, TimeUnit unit, UnaryOperator<String> resolver) {
		if (StringUtils.hasText(text)) {
			String resolved = resolver.apply(text);
			return resolved.chars().allMatch(Character::isDigit)
					? Duration.of(Long.parseLong(resolved), unit.toChronoUnit())
					: DurationFormatterUtils.detectAndParse(resolved);
		}
		return (value == Long.MAX_VALUE) ? Duration.ofMillis(Long.MAX_VALUE) : Duration.of(value, unit.toChronoUnit());
	}

}
