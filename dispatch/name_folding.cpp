#include "dispatch/name_folding.hpp"

#include <algorithm>

namespace ems120::dispatch {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at `i`; returns false (and leaves `i`) on an invalid sequence.
bool decode_one(std::string_view text, std::size_t& i, char32_t& out) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
        out = lead;
        ++i;
        return true;
    }
    std::size_t length = 0;
    char32_t c = 0, min = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, c = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, c = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, c = lead & 0x07, min = 0x10000;
    } else {
        return false;  // a continuation byte or 0xF8..0xFF
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char next = byte(i + k);
        if ((next & 0xC0) != 0x80) return false;
        c = (c << 6) | (next & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
    out = c;
    i += length;
    return true;
}

// Base letters of U+00C0..U+00FF; '*' = more than one letter, '#' = not a letter (× ÷), kept.
constexpr std::string_view kLatin1 =
    "aaaaaa*ceeeeiiii"
    "dnooooo#ouuuuy**"
    "aaaaaa*ceeeeiiii"
    "dnooooo#ouuuuy*y";
// Base letters of U+0100..U+017F (Latin Extended-A); '*' = Ĳ ĳ Œ œ.
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "ii**jjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oo**rrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs";
// U+01CD..U+01DC: the pinyin tone letters Ǎ ǎ Ǐ ǐ Ǒ ǒ Ǔ ǔ Ǖ ǖ Ǘ ǘ Ǚ ǚ Ǜ ǜ.
constexpr std::string_view kPinyin = "aaiioouuuuuuuuuu";

void append_ascii(std::u32string& out, std::string_view letters) {
    for (const char c : letters) out.push_back(static_cast<char32_t>(c));
}

// Appends the folded form of `c` (nothing for an ignored separator or a combining mark).
void fold_char(char32_t c, std::u32string& out) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    if (is_ignored_separator(c)) return;
    if (c >= 0x0300 && c <= 0x036F) return;  // combining diacritical marks
    if (c < 0x80) {
        out.push_back(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        return;
    }
    if (c >= 0xC0 && c <= 0xFF) {
        const char base = kLatin1[c - 0xC0];
        if (base == '#') {
            out.push_back(c);
        } else if (base == '*') {
            append_ascii(out, c == 0xDF ? "ss" : (c == 0xC6 || c == 0xE6) ? "ae" : "th");
        } else {
            out.push_back(static_cast<char32_t>(base));
        }
        return;
    }
    if (c >= 0x100 && c <= 0x17F) {
        const char base = kLatinExtendedA[c - 0x100];
        if (base == '*')
            append_ascii(out, c <= 0x133 ? "ij" : "oe");
        else
            out.push_back(static_cast<char32_t>(base));
        return;
    }
    if (c >= 0x1CD && c <= 0x1DC) {
        out.push_back(static_cast<char32_t>(kPinyin[c - 0x1CD]));
        return;
    }
    if (c >= 0x218 && c <= 0x21B) {  // Ș ș Ț ț
        out.push_back(c <= 0x219 ? U's' : U't');
        return;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) {  // Greek capitals
        out.push_back(c + 0x20);
        return;
    }
    if (c >= 0x410 && c <= 0x42F) {  // Cyrillic А..Я
        out.push_back(c + 0x20);
        return;
    }
    if (c >= 0x400 && c <= 0x40F) {  // Cyrillic Ѐ..Џ
        out.push_back(c + 0x50);
        return;
    }
    out.push_back(c);
}

}  // namespace

std::optional<std::u32string> decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        if (!decode_one(text, i, c)) return std::nullopt;
        out.push_back(c);
    }
    return out;
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        if (!decode_one(text, i, c)) return false;
    }
    return true;
}

std::u32string decode_utf8_lenient(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        if (decode_one(text, i, c)) {
            out.push_back(c);
        } else {
            out.push_back(kReplacement);
            ++i;
        }
    }
    return out;
}

std::string encode_utf8(std::u32string_view code_points) {
    std::string out;
    out.reserve(code_points.size());
    for (char32_t c : code_points) {
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacement;
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

bool is_cjk(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF && c != 0x30FB)  // hiragana, katakana (not the middle dot)
           || (c >= 0x3400 && c <= 0x4DBF)              // extension A
           || (c >= 0x4E00 && c <= 0x9FFF)              // unified ideographs
           || (c >= 0xF900 && c <= 0xFAFF)              // compatibility ideographs
           || (c >= 0x20000 && c <= 0x3FFFF);           // extensions B..
}

bool is_ignored_separator(char32_t c) {
    switch (c) {
        // white space
        case U' ': case U'\t': case U'\n': case U'\r': case U'\v': case U'\f':
        case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
        case 0x200C: case 0x200D:  // zero-width (non-)joiner
        // hyphens and dashes
        case U'-': case 0x00AD: case 0x2212:
        // apostrophes and quotes used as apostrophes
        case U'\'': case U'`': case 0x00B4: case 0x02BC: case 0x2018: case 0x2019: case 0x201B:
        // dots: full stop, Catalan middle dot (l·l), hyphenation point, katakana middle dot, ideographic full stop
        case U'.': case 0x00B7: case 0x2027: case 0x30FB: case 0x3002: case 0xFF61:
            return true;
        default:
            return (c >= 0x2000 && c <= 0x200B)     // en quad .. zero width space
                   || (c >= 0x2010 && c <= 0x2015);  // hyphen .. horizontal bar
    }
}

FoldedName fold_name(std::u32string_view code_points) {
    FoldedName folded;
    folded.text.reserve(code_points.size());
    bool after_separator = true;
    for (const char32_t c : code_points) {
        const std::size_t before = folded.text.size();
        fold_char(c, folded.text);
        if (folded.text.size() == before) {
            // A combining mark belongs to its letter; a separator ends a word.
            if (!(c >= 0x0300 && c <= 0x036F)) after_separator = true;
            continue;
        }
        const bool cjk = is_cjk(folded.text[before]);
        const bool previous_cjk = before > 0 && is_cjk(folded.text[before - 1]);
        if (after_separator || cjk || previous_cjk) folded.word_starts.push_back(static_cast<std::uint32_t>(before));
        after_separator = false;
    }
    return folded;
}

FoldedName fold_name(std::string_view utf8) { return fold_name(decode_utf8_lenient(utf8)); }

std::uint32_t bounded_edit_distance(std::u32string_view a, std::u32string_view b, std::uint32_t limit,
                                    std::vector<std::uint32_t>& rows) {
    const std::size_t m = a.size(), n = b.size();
    const std::uint32_t too_far = limit + 1;
    if ((m > n ? m - n : n - m) > limit) return too_far;
    if (m == 0 || n == 0) return static_cast<std::uint32_t>(std::max(m, n));
    // Three rows of the dynamic programme: i-2, i-1 and i.
    const std::size_t width = n + 1;
    rows.resize(3 * width);
    std::uint32_t* before = rows.data();
    std::uint32_t* previous = before + width;
    std::uint32_t* current = previous + width;
    for (std::size_t j = 0; j <= n; ++j) previous[j] = static_cast<std::uint32_t>(j);
    for (std::size_t i = 1; i <= m; ++i) {
        current[0] = static_cast<std::uint32_t>(i);
        std::uint32_t row_min = current[0];
        for (std::size_t j = 1; j <= n; ++j) {
            const std::uint32_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::uint32_t d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, before[j - 2] + 1);
            current[j] = d;
            row_min = std::min(row_min, d);
        }
        if (row_min > limit) return too_far;
        std::uint32_t* recycled = before;
        before = previous;
        previous = current;
        current = recycled;
    }
    return std::min(previous[n], too_far);
}

}  // namespace ems120::dispatch
