#include "maps/strongly_connected_components.hpp"

#include <algorithm>
#include <limits>

namespace ems120 {

Components strongly_connected_components(const std::vector<std::uint32_t>& first_out,
                                         const std::vector<std::uint32_t>& head) {
    constexpr std::uint32_t unvisited = std::numeric_limits<std::uint32_t>::max();
    const std::uint32_t n = static_cast<std::uint32_t>(first_out.size() - 1);
    std::vector<std::uint32_t> index(n, unvisited), low(n, 0), next_edge(n, 0);
    std::vector<std::uint8_t> on_stack(n, 0);
    std::vector<std::uint32_t> stack, call_stack;
    Components result;
    result.of_node.assign(n, unvisited);
    std::uint32_t counter = 0;

    for (std::uint32_t root = 0; root < n; ++root) {
        if (index[root] != unvisited) continue;
        call_stack.push_back(root);
        index[root] = low[root] = counter++;
        next_edge[root] = first_out[root];
        stack.push_back(root);
        on_stack[root] = 1;
        while (!call_stack.empty()) {
            const std::uint32_t v = call_stack.back();
            if (next_edge[v] < first_out[v + 1]) {
                const std::uint32_t w = head[next_edge[v]++];
                if (index[w] == unvisited) {
                    index[w] = low[w] = counter++;
                    next_edge[w] = first_out[w];
                    stack.push_back(w);
                    on_stack[w] = 1;
                    call_stack.push_back(w);
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            // All edges of v done: v is a root of a component, or passes its low link up.
            call_stack.pop_back();
            if (!call_stack.empty()) low[call_stack.back()] = std::min(low[call_stack.back()], low[v]);
            if (low[v] == index[v]) {
                const auto component = static_cast<std::uint32_t>(result.size.size());
                std::uint32_t count = 0, w = 0;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = 0;
                    result.of_node[w] = component;
                    ++count;
                } while (w != v);
                result.size.push_back(count);
            }
        }
    }
    return result;
}

}  // namespace ems120
