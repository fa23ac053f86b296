#include "vehicle_agent/uplink.hpp"

#include <algorithm>
#include <limits>

#include "maps/input_error.hpp"
#include "protocol/codec.hpp"

namespace ems120::agent {

using protocol::Seq;

std::string_view to_string(LinkState state) {
    switch (state) {
        case LinkState::connecting: return "connecting";
        case LinkState::handshaking: return "handshaking";
        case LinkState::up: return "up";
        case LinkState::waiting_to_reconnect: return "down";
    }
    return "?";
}

Uplink::Uplink(zmq::context_t& context, UplinkConfig config, Outbox& outbox, const link::Clock& clock)
    : context_(context), config_(std::move(config)), outbox_(outbox), clock_(clock), backoff_ms_(config_.backoff_min_ms) {
    open_socket();
}

void Uplink::open_socket() {
    socket_ = zmq::socket_t(context_, zmq::socket_type::dealer);
    socket_.set(zmq::sockopt::linger, 0);
    // Nothing is queued for a connection that is not up: unsent data stays in the outbox, where it
    // is safe, instead of in a ZeroMQ queue that dies with the socket.
    socket_.set(zmq::sockopt::immediate, 1);
    socket_.set(zmq::sockopt::sndhwm, 1000);
    socket_.set(zmq::sockopt::reconnect_ivl, 250);
    link::apply(socket_, config_.security);
    try {
        socket_.connect(config_.endpoint);
    } catch (const zmq::error_t& e) {
        throw InputError("cannot connect to " + config_.endpoint + ": " + e.what());
    }
    const auto now = clock_.steady_ms();
    last_heard_ms_ = now;
    last_heartbeat_ms_ = 0;
    in_flight_.clear();
    live_.clear();
    backlog_cursor_ = 0;
    newest_fix_first_ = true;
    set_state(LinkState::connecting, "");
}

void Uplink::set_state(LinkState state, const std::string& why) {
    if (state == state_ && !why.empty()) return;
    state_ = state;
    state_since_ms_ = clock_.steady_ms();
    if (!why.empty()) config_.log("link " + std::string(to_string(state)) + ": " + why);
}

Seq Uplink::submit(protocol::Body body) {
    protocol::Message message{config_.vehicle, 0, std::move(body)};
    const Seq seq = outbox_.append(message, /*defer_flush=*/true);
    if (state_ == LinkState::up) live_.push_back(seq);
    return seq;
}

void Uplink::receive() {
    if (state_ == LinkState::waiting_to_reconnect) return;
    const protocol::DecodeContext context{clock_.unix_ms(), std::numeric_limits<std::int32_t>::max()};
    for (int i = 0; i < 1024; ++i) {
        zmq::message_t frame;
        if (!socket_.recv(frame, zmq::recv_flags::dontwait)) break;
        last_heard_ms_ = clock_.steady_ms();
        backoff_ms_ = config_.backoff_min_ms;
        for (auto& result : protocol::decode_frame(frame.to_string_view(), context)) {
            if (result.message) on_message(*result.message);
            else config_.log("ignored a bad message from the center: " + result.error->detail);
        }
    }
}

void Uplink::on_message(protocol::Message& message) {
    if (const auto* ack = std::get_if<protocol::Ack>(&message.body)) {
        on_ack(*ack);
        if (state_ == LinkState::handshaking || state_ == LinkState::connecting)
            set_state(LinkState::up, "center " + config_.endpoint + " has everything up to seq " + std::to_string(ack->cumulative) +
                                         "; " + std::to_string(outbox_.pending().size()) + " message(s) to send");
    } else if (const auto* order = std::get_if<protocol::DispatchOrder>(&message.body)) {
        if (orders_seen_.emplace(order->order_id, true).second) {
            ++counters_.orders;
            if (config_.on_order) config_.on_order(*order);
            if (config_.acknowledge_orders) submit(protocol::OrderAck{order->order_id, clock_.unix_ms()});
        }
    } else if (const auto* cancel = std::get_if<protocol::OrderCancel>(&message.body)) {
        // Marking the order seen too keeps a resent copy of it, still on its way, from reviving it.
        orders_seen_.emplace(cancel->order_id, true);
        if (cancels_seen_.insert(cancel->order_id).second) {
            ++counters_.cancels;
            if (config_.on_order_cancel) config_.on_order_cancel(*cancel);
        }
    } else if (const auto* reject = std::get_if<protocol::Reject>(&message.body)) {
        ++counters_.rejects;
        config_.log("center rejected " + (reject->seq ? "seq " + std::to_string(reject->seq) : std::string("a message")) + " (" +
                    std::string(protocol::to_string(reject->code)) + "): " + reject->detail);
    }
}

void Uplink::on_ack(const protocol::Ack& ack) {
    ++counters_.acks;
    last_ack_ms_ = clock_.steady_ms();
    outbox_.acknowledge(ack);
    in_flight_.erase(in_flight_.begin(), in_flight_.upper_bound(ack.cumulative));
    for (const auto& [first, last] : ack.ranges)
        in_flight_.erase(in_flight_.lower_bound(first), in_flight_.upper_bound(last));
}

bool Uplink::send_frame(const std::string& frame) {
    try {
        if (!socket_.send(zmq::buffer(frame), zmq::send_flags::dontwait)) return false;
    } catch (const zmq::error_t&) {
        return false;
    }
    ++counters_.frames_sent;
    return true;
}

bool Uplink::send_control(const protocol::Body& body) {
    frame_.clear();
    protocol::encode(protocol::Message{config_.vehicle, 0, body}, frame_);
    return send_frame(frame_);
}

void Uplink::send_seqs(const std::vector<Seq>& seqs) {
    const auto now = clock_.steady_ms();
    std::vector<Seq> in_frame;
    frame_.clear();
    auto flush = [&]() {
        if (in_frame.empty()) return true;
        if (!send_frame(frame_)) {
            // Not sent: the backlog pass picks these up again.
            backlog_cursor_ = std::min(backlog_cursor_, in_frame.front());
            return false;
        }
        for (const Seq s : in_frame) in_flight_.emplace(s, now);
        counters_.messages_sent += in_frame.size();
        in_frame.clear();
        frame_.clear();
        return true;
    };
    const auto& pending = outbox_.pending();
    for (const Seq seq : seqs) {
        const auto it = pending.find(seq);
        if (it == pending.end() || in_flight_.count(seq)) continue;
        if (!in_frame.empty() && frame_.size() + it->second.bytes.size() > config_.max_frame_bytes && !flush()) {
            backlog_cursor_ = std::min(backlog_cursor_, seq);
            return;
        }
        frame_ += it->second.bytes;
        in_frame.push_back(seq);
    }
    flush();
}

void Uplink::send_backlog() {
    const auto& pending = outbox_.pending();
    // A few frames per turn, so one turn never takes long whatever the backlog.
    std::size_t budget_bytes = 4 * config_.max_frame_bytes;
    std::vector<Seq> batch;
    auto it = pending.lower_bound(backlog_cursor_);
    for (; it != pending.end() && in_flight_.size() + batch.size() < config_.window && budget_bytes > 0; ++it) {
        if (in_flight_.count(it->first)) continue;
        batch.push_back(it->first);
        budget_bytes -= std::min(budget_bytes, it->second.bytes.size());
    }
    if (batch.empty()) return;
    backlog_cursor_ = batch.back() + 1;
    send_seqs(batch);
}

void Uplink::connection_lost(const std::string& why) {
    socket_.close();
    in_flight_.clear();
    live_.clear();
    reconnect_at_ms_ = clock_.steady_ms() + backoff_ms_;
    set_state(LinkState::waiting_to_reconnect, why + "; reconnecting in " + std::to_string(backoff_ms_) + " ms (" +
                                                   std::to_string(outbox_.pending().size()) + " message(s) kept in the outbox)");
    backoff_ms_ = std::min(backoff_ms_ * 2, config_.backoff_max_ms);
}

void Uplink::tick() {
    outbox_.flush();  // on disk (in the kernel) before anything leaves
    const auto now = clock_.steady_ms();
    if (state_ == LinkState::waiting_to_reconnect) {
        if (now < reconnect_at_ms_) return;
        ++counters_.reconnects;
        open_socket();
    }
    if (now - last_heard_ms_ > static_cast<std::int64_t>(config_.heartbeat_ms) * config_.liveness) {
        connection_lost(state_ == LinkState::up ? "the center is silent for " + std::to_string(now - last_heard_ms_) + " ms"
                                                : "no answer from " + config_.endpoint);
        return;
    }
    if (state_ == LinkState::handshaking && now - state_since_ms_ > static_cast<std::int64_t>(config_.heartbeat_ms) * config_.liveness) {
        // Heard from, but no answer to our hello (a center restarted under a live connection):
        // say hello again rather than wait forever to learn what it has.
        set_state(LinkState::connecting, "");
    }
    if (state_ == LinkState::connecting) {
        if (send_control(protocol::Hello{config_.software_version, config_.capabilities, outbox_.stream_id()})) {
            set_state(LinkState::handshaking, "");
            last_heartbeat_ms_ = now;
        }
        return;
    }
    if (state_ == LinkState::up) {
        if (newest_fix_first_) {
            // The dispatcher needs where the vehicle is now before where it was during the outage.
            if (const auto newest = outbox_.newest_fix()) send_seqs({*newest});
            newest_fix_first_ = false;
        }
        send_seqs(live_);
        live_.clear();
        send_backlog();
        if (!in_flight_.empty()) {
            const auto oldest = std::min_element(in_flight_.begin(), in_flight_.end(),
                                                 [](const auto& a, const auto& b) { return a.second < b.second; });
            if (now - oldest->second > config_.ack_timeout_ms) {
                counters_.resent += in_flight_.size();
                in_flight_.clear();
                backlog_cursor_ = 0;  // go back: everything unacknowledged is sent again
            }
        }
    } else {
        live_.clear();
    }
    if (now - last_heartbeat_ms_ >= config_.heartbeat_ms) {
        const auto& dropped = outbox_.dropped();
        send_control(protocol::Heartbeat{clock_.unix_ms(), outbox_.pending().size(), dropped.fixes, dropped.vitals});
        if (auto gap = outbox_.unannounced_gap()) send_control(*gap);
        last_heartbeat_ms_ = now;
    }
}

std::int64_t Uplink::next_due_ms() const {
    const auto now = clock_.steady_ms();
    if (state_ == LinkState::waiting_to_reconnect) return reconnect_at_ms_;
    if (state_ == LinkState::connecting) return now + 20;  // retry the hello soon
    std::int64_t due = std::min(last_heartbeat_ms_ + config_.heartbeat_ms,
                                last_heard_ms_ + static_cast<std::int64_t>(config_.heartbeat_ms) * config_.liveness + 1);
    if (state_ == LinkState::up) {
        if (!live_.empty()) return now;
        const auto& pending = outbox_.pending();
        if (in_flight_.size() < config_.window && pending.lower_bound(backlog_cursor_) != pending.end()) return now;
        if (!in_flight_.empty()) due = std::min(due, now + config_.ack_timeout_ms / 4);
    }
    return due;
}

}  // namespace ems120::agent
