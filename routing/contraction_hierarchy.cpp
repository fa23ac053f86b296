#include "routing/contraction_hierarchy.hpp"

#include <algorithm>
#include <queue>

namespace ems120 {

namespace {

// Witness searches stop after this many settled nodes: a missed witness only adds a shortcut
// that is not needed, never a wrong answer. Estimating a priority can afford less than the real
// contraction.
constexpr std::uint32_t kEstimateSettleLimit = 60;
constexpr std::uint32_t kContractSettleLimit = 600;
// An estimate runs one witness search per arc into the node and checks every (in, out) pair; in
// the dense core, where most of the build time went, the pairs share this many settled nodes
// (but each search gets at least kEstimateMinSettles). Measured on rnv-roads: a fifth less
// build time, the same shortcut count and query times.
constexpr std::uint32_t kEstimateSettleBudget = 1000;
constexpr std::uint32_t kEstimateMinSettles = 5;

std::uint64_t plus(TravelTime a, TravelTime b) { return std::uint64_t{a} + b; }

struct Arc {
    std::uint32_t node;
    TravelTime time;
    std::uint32_t edge;  // hierarchy edge
};

// The graph while it is being contracted: adjacency lists of the nodes not yet contracted.
class Contractor {
public:
    explicit Contractor(const RoadGraph& graph) : n_(static_cast<std::uint32_t>(graph.node_count())) {
        out_.resize(n_);
        in_.resize(n_);
        level_.assign(n_, 0);
        deleted_neighbours_.assign(n_, 0);
        contracted_.assign(n_, 0);
        label_.assign(n_, {kUnreachable, 0});
        target_mark_.assign(n_, 0);
        for (std::uint32_t v = 0; v < n_; ++v)
            for (std::uint32_t e = graph.first_out[v]; e < graph.first_out[v + 1]; ++e) {
                const std::uint32_t h = graph.head[e].value();
                if (h != v) add_or_improve(v, h, graph.time_ms[e], e, kOriginalEdge, 1);
            }
    }

    ContractionHierarchy run(const std::function<void(double)>& progress) {
        using Entry = std::pair<double, std::uint32_t>;
        std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
        priority_.resize(n_);
        for (std::uint32_t v = 0; v < n_; ++v) queue.emplace(priority_[v] = priority(v), v);
        std::vector<std::uint32_t> order;
        order.reserve(n_);
        up_arcs_.resize(n_);
        down_arcs_.resize(n_);
        std::vector<std::uint32_t> neighbours;
        while (!queue.empty()) {
            const auto [queued, v] = queue.top();
            queue.pop();
            // A node is queued again whenever a neighbour is contracted; only its latest entry
            // counts (re-estimating every older one cost as much as the rest of the build).
            if (contracted_[v] || queued != priority_[v]) continue;
            // Lazy update: contractions elsewhere may have removed witnesses since it was queued.
            const double now = priority(v);
            if (!queue.empty() && now > queue.top().first) {
                queue.emplace(priority_[v] = now, v);
                continue;
            }
            neighbours.clear();
            for (const Arc& a : out_[v]) neighbours.push_back(a.node);
            for (const Arc& a : in_[v]) neighbours.push_back(a.node);
            contract(v);
            order.push_back(v);
            std::sort(neighbours.begin(), neighbours.end());
            neighbours.erase(std::unique(neighbours.begin(), neighbours.end()), neighbours.end());
            for (const std::uint32_t u : neighbours) {
                ++deleted_neighbours_[u];
                level_[u] = std::max(level_[u], level_[v] + 1);
                queue.emplace(priority_[u] = priority(u), u);
            }
            if (progress && order.size() % 4096 == 0) progress(static_cast<double>(order.size()) / n_);
        }
        return finish(order);
    }

private:
    // Adds the arc u->w or lowers its time; returns true if the graph changed.
    bool add_or_improve(std::uint32_t u, std::uint32_t w, TravelTime time, std::uint32_t first, std::uint32_t second,
                        std::uint32_t hops) {
        for (Arc& a : out_[u])
            if (a.node == w) {
                if (a.time <= time) return false;
                const std::uint32_t edge = new_edge(first, second, hops);
                a = {w, time, edge};
                for (Arc& b : in_[w])
                    if (b.node == u) b = {u, time, edge};
                return true;
            }
        const std::uint32_t edge = new_edge(first, second, hops);
        out_[u].push_back({w, time, edge});
        in_[w].push_back({u, time, edge});
        return true;
    }

    std::uint32_t new_edge(std::uint32_t first, std::uint32_t second, std::uint32_t hops) {
        unpack_first_.push_back(first);
        unpack_second_.push_back(second);
        hops_.push_back(hops);
        return static_cast<std::uint32_t>(unpack_first_.size() - 1);
    }

    // Dijkstra from `source` over uncontracted nodes other than `skip`, until `limit` time or
    // `settle_limit` nodes; distances valid where a label's stamp == current_stamp_.
    void witness_search(std::uint32_t source, std::uint32_t skip, std::uint64_t limit, std::uint32_t settle_limit,
                        std::uint32_t targets) {
        ++current_stamp_;
        heap_.clear();
        set_distance(source, 0);
        heap_.emplace_back(0, source);
        std::uint32_t settled = 0;
        while (!heap_.empty()) {
            std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
            const auto [d, x] = heap_.back();
            heap_.pop_back();
            if (d > distance(x)) continue;
            if (d > limit || ++settled > settle_limit) break;
            if (target_mark_[x] == target_stamp_ && --targets == 0) break;
            for (const Arc& a : out_[x]) {
                if (a.node == skip) continue;
                const std::uint64_t nd = plus(d, a.time);
                if (nd < distance(a.node)) {
                    set_distance(a.node, static_cast<TravelTime>(nd));
                    heap_.emplace_back(static_cast<TravelTime>(nd), a.node);
                    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
                }
            }
        }
    }

    TravelTime distance(std::uint32_t v) const {
        return label_[v].stamp == current_stamp_ ? label_[v].distance : kUnreachable;
    }
    void set_distance(std::uint32_t v, TravelTime d) { label_[v] = {d, current_stamp_}; }

    // Calls add(u, w, time, in_arc, out_arc) for every shortcut contracting v needs.
    template <class Add>
    void shortcuts_of(std::uint32_t v, std::uint32_t settle_limit, Add&& add) {
        for (const Arc& in : in_[v]) {
            std::uint64_t limit = 0;
            ++target_stamp_;
            std::uint32_t targets = 0;
            for (const Arc& out : out_[v]) {
                if (out.node == in.node) continue;
                limit = std::max(limit, plus(in.time, out.time));
                if (target_mark_[out.node] != target_stamp_) {
                    target_mark_[out.node] = target_stamp_;
                    ++targets;
                }
            }
            if (targets == 0) continue;
            witness_search(in.node, v, limit, settle_limit, targets);
            for (const Arc& out : out_[v]) {
                if (out.node == in.node) continue;
                const std::uint64_t via = plus(in.time, out.time);
                if (via >= kUnreachable) continue;  // longer than any time the graph can hold
                if (distance(out.node) > via) add(in, out, static_cast<TravelTime>(via));
            }
        }
    }

    // Lower is contracted earlier: few shortcuts per removed arc, short shortcuts, low level.
    double priority(std::uint32_t v) {
        std::uint32_t added = 0, added_hops = 0, removed_hops = 0;
        const auto removed = static_cast<std::uint32_t>(in_[v].size() + out_[v].size());
        for (const Arc& a : in_[v]) removed_hops += hops_[a.edge];
        for (const Arc& a : out_[v]) removed_hops += hops_[a.edge];
        const std::size_t pairs = std::max<std::size_t>(1, in_[v].size() * out_[v].size());
        const auto settle_limit = static_cast<std::uint32_t>(
            std::clamp<std::size_t>(kEstimateSettleBudget / pairs, kEstimateMinSettles, kEstimateSettleLimit));
        shortcuts_of(v, settle_limit, [&](const Arc& in, const Arc& out, TravelTime) {
            ++added;
            added_hops += hops_[in.edge] + hops_[out.edge];
        });
        if (removed == 0) return level_[v];
        return level_[v] + 1.0 * added / removed + 1.0 * added_hops / std::max(1u, removed_hops) +
               0.5 * deleted_neighbours_[v];
    }

    void contract(std::uint32_t v) {
        pending_.clear();
        shortcuts_of(v, kContractSettleLimit, [&](const Arc& in, const Arc& out, TravelTime time) {
            pending_.push_back({in.node, out.node, time, in.edge, out.edge, hops_[in.edge] + hops_[out.edge]});
        });
        contracted_[v] = 1;
        up_arcs_[v] = out_[v];
        down_arcs_[v] = in_[v];
        for (const Arc& a : out_[v]) std::erase_if(in_[a.node], [&](const Arc& b) { return b.node == v; });
        for (const Arc& a : in_[v]) std::erase_if(out_[a.node], [&](const Arc& b) { return b.node == v; });
        out_[v] = {};
        in_[v] = {};
        for (const auto& p : pending_)
            add_or_improve(p.u, p.w, p.time, p.first, p.second, std::min<std::uint32_t>(p.hops, 1u << 20));
    }

    ContractionHierarchy finish(const std::vector<std::uint32_t>& order) {
        ContractionHierarchy ch;
        ch.node_of_rank.reserve(n_);
        ch.rank_of_node.assign(n_, 0);
        for (std::uint32_t r = 0; r < n_; ++r) {
            ch.node_of_rank.push_back(NodeId(order[r]));
            ch.rank_of_node[order[r]] = r;
        }
        ch.up_first.assign(n_ + 1, 0);
        ch.down_first.assign(n_ + 1, 0);
        for (std::uint32_t r = 0; r < n_; ++r) {
            const std::uint32_t v = order[r];
            ch.up_first[r + 1] = ch.up_first[r] + static_cast<std::uint32_t>(up_arcs_[v].size());
            ch.down_first[r + 1] = ch.down_first[r] + static_cast<std::uint32_t>(down_arcs_[v].size());
            for (const Arc& a : up_arcs_[v]) {
                ch.up_head.push_back(ch.rank_of_node[a.node]);
                ch.up_time.push_back(a.time);
                ch.up_edge.push_back(a.edge);
            }
            for (const Arc& a : down_arcs_[v]) {
                ch.down_tail.push_back(ch.rank_of_node[a.node]);
                ch.down_time.push_back(a.time);
                ch.down_edge.push_back(a.edge);
            }
            up_arcs_[v] = {};
            down_arcs_[v] = {};
        }
        ch.unpack_first = std::move(unpack_first_);
        ch.unpack_second = std::move(unpack_second_);
        return ch;
    }

    std::uint32_t n_;
    std::vector<std::vector<Arc>> out_, in_;
    std::vector<std::vector<Arc>> up_arcs_, down_arcs_;  // per contracted node, at contraction
    std::vector<std::uint32_t> level_, deleted_neighbours_;
    std::vector<std::uint8_t> contracted_;
    std::vector<double> priority_;  // the priority of each node's latest queue entry
    std::vector<std::uint32_t> unpack_first_, unpack_second_, hops_;

    // Distance and its stamp side by side: one cache line per node touched by a witness search.
    struct Label {
        TravelTime distance;
        std::uint32_t stamp;
    };
    std::vector<Label> label_;
    std::vector<std::uint32_t> target_mark_;
    std::uint32_t current_stamp_ = 0, target_stamp_ = 0;
    std::vector<std::pair<TravelTime, std::uint32_t>> heap_;
    // Shortcuts found while contracting one node, added after it is removed.
    struct PendingShortcut {
        std::uint32_t u, w;
        TravelTime time;
        std::uint32_t first, second, hops;
    };
    std::vector<PendingShortcut> pending_;
};

}  // namespace

std::size_t ContractionHierarchy::shortcut_count() const {
    return static_cast<std::size_t>(std::count_if(unpack_second.begin(), unpack_second.end(),
                                                  [](std::uint32_t s) { return s != kOriginalEdge; }));
}

void ContractionHierarchy::unpack(std::uint32_t edge, std::vector<EdgeId>& out, std::vector<std::uint32_t>& stack) const {
    // An explicit stack: shortcuts nest as deep as the hierarchy is high.
    stack.assign(1, edge);
    while (!stack.empty()) {
        const std::uint32_t e = stack.back();
        stack.pop_back();
        if (unpack_second[e] == kOriginalEdge) {
            out.push_back(EdgeId(unpack_first[e]));
        } else {
            stack.push_back(unpack_second[e]);
            stack.push_back(unpack_first[e]);
        }
    }
}

std::string ContractionHierarchy::check(const RoadGraph& graph) const {
    const std::size_t n = graph.node_count();
    const std::size_t edges = unpack_first.size();
    if (node_of_rank.size() != n || rank_of_node.size() != n) return "node count differs from the road graph";
    for (Rank r = 0; r < n; ++r)
        if (node_of_rank[r].value() >= n || rank_of_node[node_of_rank[r].value()] != r) return "ranks are not a permutation";
    if (up_first.size() != n + 1 || down_first.size() != n + 1 || up_first.front() != 0 || down_first.front() != 0 ||
        up_first.back() != up_head.size() || down_first.back() != down_tail.size())
        return "arc offsets disagree with the arc arrays";
    if (up_time.size() != up_head.size() || up_edge.size() != up_head.size() || down_time.size() != down_tail.size() ||
        down_edge.size() != down_tail.size() || unpack_second.size() != edges)
        return "arc arrays disagree in size";
    for (Rank r = 0; r < n; ++r) {
        if (up_first[r] > up_first[r + 1] || down_first[r] > down_first[r + 1]) return "arc offsets are not sorted";
        for (std::uint32_t i = up_first[r]; i < up_first[r + 1]; ++i)
            if (up_head[i] <= r || up_head[i] >= n || up_edge[i] >= edges) return "an upward arc does not go up";
        for (std::uint32_t i = down_first[r]; i < down_first[r + 1]; ++i)
            if (down_tail[i] <= r || down_tail[i] >= n || down_edge[i] >= edges) return "a downward arc does not come down";
    }
    // A shortcut's parts were made before it, so unpacking always ends.
    for (std::size_t e = 0; e < edges; ++e) {
        if (unpack_second[e] == kOriginalEdge) {
            if (unpack_first[e] >= graph.edge_count()) return "an edge points past the road graph";
        } else if (unpack_first[e] >= e || unpack_second[e] >= e) {
            return "a shortcut refers to a later edge";
        }
    }
    return "";
}

ContractionHierarchy build_contraction_hierarchy(const RoadGraph& graph, const std::function<void(double)>& progress) {
    Contractor contractor(graph);
    return contractor.run(progress);
}

}  // namespace ems120
