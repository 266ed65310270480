package io.astrashell.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...?": the known names nearest to a misspelt one (case-insensitive edit distance). */
public final class Similarity {

	private Similarity() {
	}

	/** Up to {@code max} candidates close enough to {@code input}, nearest first. */
	public static List<String> nearest(String input, List<String> candidates, int max) {
		return nearest(input, candidates, max, Integer.MAX_VALUE);
	}

	/** As {@link #nearest(String, List, int)}, no farther than {@code maxDistance} edits from the whole input. */
	public static List<String> nearest(String input, List<String> candidates, int max, int maxDistance) {
		String needle = input.toLowerCase(Locale.ROOT);
		record Scored(String name, int distance, int whole) {
		}
		List<Scored> scored = new ArrayList<>();
		for (String candidate : candidates) {
			String hay = candidate.toLowerCase(Locale.ROOT);
			int whole = distance(needle, hay);
			// the whole name, its start as long as what was typed, its first word, then its other words
			int distance = whole;
			if (hay.length() > needle.length()) {
				distance = Math.min(distance, distance(needle, hay.substring(0, needle.length())));
			}
			String[] words = hay.split("[\\s/_-]+");
			for (int w = 0; w < words.length; w++) {
				if (!words[w].isEmpty()) {
					distance = Math.min(distance, distance(needle, words[w]) + (w == 0 ? 0 : 1));
				}
			}
			boolean contains = !needle.isEmpty() && (hay.contains(needle) || needle.contains(hay));
			int threshold = Math.max(2, Math.min(needle.length(), hay.length()) / 3);
			if ((distance <= threshold || contains) && whole <= maxDistance) {
				scored.add(new Scored(candidate, contains ? Math.min(distance, threshold) : distance, whole));
			}
		}
		scored.sort(Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::whole).thenComparing(Scored::name));
		if (scored.isEmpty()) {
			return List.of();
		}
		int best = scored.get(0).distance();
		return scored.stream().filter(x -> x.distance() == best).limit(max).map(Scored::name).toList();
	}

	/** "Did you mean 'a' or 'b'?" or the empty string. */
	public static String didYouMean(String input, List<String> candidates) {
		return didYouMean(input, candidates, Integer.MAX_VALUE);
	}

	/** "Did you mean ...?" among names no farther than {@code maxDistance} edits from the whole input. */
	public static String didYouMean(String input, List<String> candidates, int maxDistance) {
		List<String> near = nearest(input, candidates, 3, maxDistance);
		if (near.isEmpty()) {
			return "";
		}
		StringBuilder b = new StringBuilder(" Did you mean ");
		for (int i = 0; i < near.size(); i++) {
			if (i > 0) {
				b.append(i == near.size() - 1 ? " or " : ", ");
			}
			b.append('\'').append(FewNames.cut(near.get(i))).append('\'');
		}
		return b.append('?').toString();
	}

	static int distance(String a, String b) {
		int[] beforePrev = new int[b.length() + 1];
		int[] prev = new int[b.length() + 1];
		int[] cur = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			prev[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			cur[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					cur[j] = Math.min(cur[j], beforePrev[j - 2] + 1); // a swap of two letters
				}
			}
			int[] t = beforePrev;
			beforePrev = prev;
			prev = cur;
			cur = t;
		}
		return prev[b.length()];
	}

}
