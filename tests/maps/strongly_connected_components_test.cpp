#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "maps/strongly_connected_components.hpp"

using namespace ems120;

namespace {

struct Edges {
    std::vector<std::uint32_t> first_out, head;
};

Edges forward_star(std::uint32_t n, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges) {
    Edges g;
    g.first_out.assign(n + 1, 0);
    for (auto [u, v] : edges) ++g.first_out[u + 1];
    for (std::uint32_t i = 0; i < n; ++i) g.first_out[i + 1] += g.first_out[i];
    g.head.resize(edges.size());
    auto fill = g.first_out;
    for (auto [u, v] : edges) g.head[fill[u]++] = v;
    return g;
}

// Reachability by brute force: u and v share a component iff each reaches the other.
std::vector<std::vector<bool>> reachability(std::uint32_t n, const Edges& g) {
    std::vector<std::vector<bool>> reach(n, std::vector<bool>(n, false));
    for (std::uint32_t s = 0; s < n; ++s) {
        std::vector<std::uint32_t> stack{s};
        reach[s][s] = true;
        while (!stack.empty()) {
            const auto v = stack.back();
            stack.pop_back();
            for (auto e = g.first_out[v]; e < g.first_out[v + 1]; ++e)
                if (!reach[s][g.head[e]]) {
                    reach[s][g.head[e]] = true;
                    stack.push_back(g.head[e]);
                }
        }
    }
    return reach;
}

}  // namespace

TEST_CASE("strongly connected components agree with mutual reachability on random road graphs") {
    std::mt19937 rng(120);
    for (int round = 0; round < 300; ++round) {
        const std::uint32_t n = 1 + rng() % 25;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
        const std::uint32_t m = rng() % (3 * n);
        for (std::uint32_t i = 0; i < m; ++i) edges.emplace_back(rng() % n, rng() % n);
        const Edges g = forward_star(n, edges);
        const Components c = strongly_connected_components(g.first_out, g.head);
        const auto reach = reachability(n, g);
        std::vector<std::uint32_t> counted(c.size.size(), 0);
        for (std::uint32_t u = 0; u < n; ++u) {
            ++counted[c.of_node[u]];
            for (std::uint32_t v = 0; v < n; ++v)
                REQUIRE((c.of_node[u] == c.of_node[v]) == (reach[u][v] && reach[v][u]));
        }
        REQUIRE(counted == c.size);
    }
}

TEST_CASE("a road chain of a million nodes does not overflow the stack") {
    const std::uint32_t n = 1000000;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    for (std::uint32_t i = 0; i + 1 < n; ++i) {
        edges.emplace_back(i, i + 1);
        edges.emplace_back(i + 1, i);
    }
    const Edges g = forward_star(n, edges);
    const Components c = strongly_connected_components(g.first_out, g.head);
    REQUIRE(c.size.size() == 1);
    CHECK(c.size[0] == n);
}
