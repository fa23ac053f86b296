#pragma once
// A set of places by index, as a bitset: the move-up compares "covered now", "covered from this
// station" and "lost if this unit leaves" for every station and idle unit, which is a few word
// operations per 64 places.
#include <bit>
#include <cstdint>
#include <vector>

namespace ems120::dispatch {

class PlaceSet {
public:
    explicit PlaceSet(std::size_t place_count = 0) : size_(place_count), words_((place_count + 63) / 64, 0) {}

    std::size_t universe() const { return size_; }
    void clear() { std::fill(words_.begin(), words_.end(), 0); }
    void insert(std::uint32_t place) { words_[place / 64] |= std::uint64_t{1} << (place % 64); }
    void erase(std::uint32_t place) { words_[place / 64] &= ~(std::uint64_t{1} << (place % 64)); }
    bool contains(std::uint32_t place) const { return (words_[place / 64] >> (place % 64)) & 1; }
    bool empty() const {
        for (const std::uint64_t w : words_)
            if (w) return false;
        return true;
    }
    std::size_t count() const {
        std::size_t n = 0;
        for (const std::uint64_t w : words_) n += static_cast<std::size_t>(std::popcount(w));
        return n;
    }

    // Calls f(place) for every place in (this AND NOT `minus`), ascending; `minus` of the same universe.
    template <class F>
    void for_each_not_in(const PlaceSet& minus, F&& f) const {
        for (std::size_t i = 0; i < words_.size(); ++i) visit_word(i, words_[i] & ~minus.words_[i], f);
    }
    // Calls f(place) for every place in (this AND `other`), ascending.
    template <class F>
    void for_each_in(const PlaceSet& other, F&& f) const {
        for (std::size_t i = 0; i < words_.size(); ++i) visit_word(i, words_[i] & other.words_[i], f);
    }
    template <class F>
    void for_each(F&& f) const {
        for (std::size_t i = 0; i < words_.size(); ++i) visit_word(i, words_[i], f);
    }

private:
    template <class F>
    static void visit_word(std::size_t i, std::uint64_t w, F& f) {
        while (w) {
            f(static_cast<std::uint32_t>(i * 64 + static_cast<std::size_t>(std::countr_zero(w))));
            w &= w - 1;
        }
    }

    std::size_t size_ = 0;
    std::vector<std::uint64_t> words_;
};

}  // namespace ems120::dispatch
