#include "maps/turn_restrictions.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace ems120 {

namespace {

// Which of a via node's out-edges may be taken after arriving on `from_way` from node `from`:
// bit i stands for out-edge first_out[v] + i.
std::uint64_t allowed_out_edges(const RoadGraph& g, NodeId v, std::int64_t from_way, NodeId from,
                                std::span<const TurnRestriction* const> at_node, std::vector<std::uint8_t>& used) {
    const std::uint32_t begin = g.out_begin(v), degree = g.out_end(v) - begin;
    const std::uint64_t all = degree == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << degree) - 1;
    std::uint64_t allowed = all;
    for (std::size_t i = 0; i < at_node.size(); ++i) {
        const TurnRestriction& r = *at_node[i];
        if (r.from_way != from_way) continue;
        // From and to the same way is a U-turn: on a way that runs on through the junction,
        // driving on along it is a different exit and stays allowed.
        const bool u_turn = r.from_way == r.to_way;
        std::uint64_t onto = 0;
        for (std::uint32_t k = 0; k < degree; ++k)
            if (g.osm_way_id[begin + k] == r.to_way && (!u_turn || g.head[begin + k] == from))
                onto |= std::uint64_t{1} << k;
        if (onto == 0) continue;  // the to-way does not leave this node in the graph
        used[i] = 1;
        allowed &= r.only ? onto : ~onto;
    }
    return allowed;
}

}  // namespace

void apply_turn_restrictions(RoadGraph& g, std::span<const TurnRestriction> restrictions, TurnRestrictionStats& stats) {
    if (restrictions.empty()) return;  // most extracts made for routing benchmarks have none
    const auto n = static_cast<std::uint32_t>(g.node_count());

    // Restrictions by via node, for the via nodes that are in the graph.
    std::unordered_map<std::int64_t, std::vector<const TurnRestriction*>> by_osm_node;
    for (const auto& r : restrictions) by_osm_node[r.via_node].push_back(&r);
    std::map<std::uint32_t, std::vector<const TurnRestriction*>> by_node;  // ordered: deterministic ids
    for (std::uint32_t v = 0; v < n; ++v)
        if (const auto it = by_osm_node.find(g.osm_node_id[v]); it != by_osm_node.end()) by_node[v] = it->second;

    // In-edges (tail, edge) of those nodes, found in one scan over all edges.
    std::unordered_map<std::uint32_t, std::vector<std::pair<NodeId, std::uint32_t>>> in_edges;
    for (const auto& [v, list] : by_node) in_edges[v];
    for (std::uint32_t u = 0; u < n; ++u)
        for (std::uint32_t e = g.first_out[u]; e < g.first_out[u + 1]; ++e)
            if (const auto it = in_edges.find(g.head[e].value()); it != in_edges.end())
                it->second.emplace_back(NodeId(u), e);

    struct Copy {
        std::uint32_t of;
        std::uint64_t allowed;
    };
    std::vector<Copy> copies;
    std::vector<NodeId> new_head(g.head.begin(), g.head.end());
    std::uint32_t applied = 0, too_complex = 0;
    for (const auto& [v, list] : by_node) {
        const NodeId via(v);
        std::vector<std::uint8_t> used(list.size(), 0);
        if (g.out_end(via) - g.out_begin(via) > 64) {
            too_complex += static_cast<std::uint32_t>(list.size());
            continue;
        }
        std::vector<std::pair<std::uint64_t, std::uint32_t>> made;  // allowed set -> copy node
        std::vector<std::pair<std::uint32_t, std::uint64_t>> redirect;  // in-edge -> allowed set
        const std::uint32_t degree = g.out_end(via) - g.out_begin(via);
        const std::uint64_t all = degree == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << degree) - 1;
        for (const auto& [tail, e] : in_edges[v]) {
            const std::uint64_t allowed = allowed_out_edges(g, via, g.osm_way_id[e], tail, list, used);
            if (allowed != all) redirect.emplace_back(e, allowed);
        }
        std::vector<std::uint64_t> distinct;
        for (const auto& [e, allowed] : redirect)
            if (std::find(distinct.begin(), distinct.end(), allowed) == distinct.end()) distinct.push_back(allowed);
        if (distinct.size() > kMaxCopiesPerNode) {
            too_complex += static_cast<std::uint32_t>(list.size());
            continue;
        }
        for (const auto allowed : distinct) {
            made.emplace_back(allowed, n + static_cast<std::uint32_t>(copies.size()));
            copies.push_back({v, allowed});
        }
        for (const auto& [e, allowed] : redirect)
            for (const auto& [set, copy] : made)
                if (set == allowed) new_head[e] = NodeId(copy);
        for (const std::uint8_t u : used) applied += u;
    }
    const auto read = static_cast<std::uint32_t>(restrictions.size());
    stats.read += read;
    stats.applied += applied;
    stats.too_complex += too_complex;
    stats.not_in_graph += read - applied - too_complex;
    stats.node_copies += static_cast<std::uint32_t>(copies.size());

    // Copies and their out-edges are appended: original ids stay valid.
    g.head = std::move(new_head);
    for (std::uint32_t i = 0; i < copies.size(); ++i) {
        const Copy& c = copies[i];
        g.location.push_back(g.location[c.of]);
        g.osm_node_id.push_back(g.osm_node_id[c.of]);
        g.component.push_back(g.component[c.of]);
        g.copy_of.push_back(NodeId(c.of));
        const std::uint32_t begin = g.first_out[c.of], end = g.first_out[c.of + 1];
        for (std::uint32_t e = begin; e < end; ++e) {
            if (!(c.allowed >> (e - begin) & 1)) continue;
            const auto duplicate = static_cast<std::uint32_t>(g.head.size());
            g.head.push_back(g.head[e]);  // already redirected when e itself is restricted further on
            g.time_ms.push_back(g.time_ms[e]);
            g.length_m.push_back(g.length_m[e]);
            g.road_class.push_back(g.road_class[e]);
            g.osm_way_id.push_back(g.osm_way_id[e]);
            g.edge_duplicates.push_back({EdgeId(e), EdgeId(duplicate), NodeId(n + i)});
        }
        g.first_out.push_back(static_cast<std::uint32_t>(g.head.size()));
    }
    std::sort(g.edge_duplicates.begin(), g.edge_duplicates.end(),
              [](const EdgeDuplicate& x, const EdgeDuplicate& y) { return x.primary < y.primary; });
}

}  // namespace ems120
