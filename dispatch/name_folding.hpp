#pragma once
// Text normalisation for finding places by name: what a call-taker types and what the map says
// are compared after folding both the same way.
//
//  - UTF-8 is decoded to code points (Chinese is compared per character, not per byte);
//  - Latin letters lose case and diacritics: Latin-1 and Latin Extended-A (à é ï ò ç ñ ß æ œ ł
//    ġ ħ ż ...), the pinyin tone letters ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ, Romanian ș ț, and combining accents
//    (decomposed input) are dropped; Greek and Cyrillic capitals become small letters;
//  - full-width ASCII (Ａ-Ｚ, ０-９ typed with a Chinese input method) becomes ASCII;
//  - separators are ignored: white space (full-width too), hyphens and dashes, apostrophes
//    (' ’ ʼ), dots and the Catalan middle dot (l·l), the ideographic full stop;
//  - anything else (Chinese characters, digits, other punctuation) is kept as it is.
//
// So "Sant Julià de Lòria", "sant julia de loria" and "santjuliadeloria" fold to the same text.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ems120::dispatch {

// Strict decoding: nothing for invalid UTF-8 (a stray continuation byte, a truncated sequence,
// an overlong form, a surrogate, a code point above U+10FFFF).
std::optional<std::u32string> decode_utf8(std::string_view text);
bool is_valid_utf8(std::string_view text);
// Lenient decoding for data (map names): every invalid byte becomes U+FFFD.
std::u32string decode_utf8_lenient(std::string_view text);
std::string encode_utf8(std::u32string_view code_points);

// CJK ideographs (unified, extensions, compatibility) and Japanese kana: scripts written without
// spaces, where every character starts a word and one character is a whole syllable.
bool is_cjk(char32_t c);
// Separators the comparison ignores (see above).
bool is_ignored_separator(char32_t c);

struct FoldedName {
    std::u32string text;
    // Offsets into `text` where a word starts: 0, the first letter after a separator, and every
    // CJK character. Ascending, no duplicates; empty when `text` is.
    std::vector<std::uint32_t> word_starts;
};

FoldedName fold_name(std::u32string_view code_points);
// Lenient: decodes with decode_utf8_lenient first.
FoldedName fold_name(std::string_view utf8);

// Optimal string alignment distance (Damerau–Levenshtein where no substring is edited twice:
// insertions, deletions, substitutions and transpositions of adjacent characters each cost 1),
// or `limit + 1` as soon as it is known to exceed `limit`. `row_buffer` is scratch space, kept
// by the caller to avoid allocating per comparison.
std::uint32_t bounded_edit_distance(std::u32string_view a, std::u32string_view b, std::uint32_t limit,
                                    std::vector<std::uint32_t>& row_buffer);

}  // namespace ems120::dispatch
