// Diagnostics from AdminBrokerProcessor: VIEW_BROKER_STATS_DATA (the traffic counters of
// broker_stats.hpp, read by `mqadmin statsAll`), CLONE_GROUP_OFFSET (one group's offsets copied
// to another) and GET_ALL_DELAY_OFFSET (the delay levels' progress, delayOffset.json's content).
#include "body/broker_stats_data.hpp"
#include "broker.hpp"
#include "common/wall_clock.hpp"
#include "json/write.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "responses.hpp"
#include "store/metadata/delay_offset_table.hpp"

namespace rmq::broker {

namespace {

using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

body::BrokerStatsItem to_body(const StatsWindow& w) {
    return body::BrokerStatsItem{w.sum, w.tps, w.avgpt};
}

}  // namespace

void Broker::register_diagnostic_processors() {
    add_sync_processor(RequestCode::VIEW_BROKER_STATS_DATA, [this](const RemotingCommand& request) {
        auto h = request.decode_header<proto::ViewBrokerStatsDataRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        const auto item = traffic_->view(h->statsName, h->statsKey, common::epoch_millis());
        if (!item)
            return RemotingCommand::response_to(
                request, ResponseCode::SYSTEM_ERROR,
                "The stats <" + h->statsName + "> <" + h->statsKey + "> not exist");
        body::BrokerStatsData data;
        data.stats_minute = to_body(item->minute);
        data.stats_hour = to_body(item->hour);
        data.stats_day = to_body(item->day);
        return success_with_body(request, data.encode());
    });

    add_sync_processor(RequestCode::CLONE_GROUP_OFFSET, [this](const RemotingCommand& request) {
        auto h = request.decode_header<proto::CloneGroupOffsetRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        const auto topics = h->topic && !h->topic->empty() ? std::vector<std::string>{*h->topic}
                                                           : offsets_->topics_of(h->srcGroup);
        for (const auto& topic : topics) {
            if (!topics_->find(topic)) continue;
            // Unless the source is offline, a topic its live consumers do not subscribe to is
            // left alone.
            if (!h->offline && consumes_elsewhere(h->srcGroup, topic)) continue;
            // Java passes the header's topic here, so without -t it copies nothing; we copy
            // each topic of the loop, which is what the loop is for.
            offsets_->clone_offsets(h->srcGroup, h->destGroup, topic);
        }
        return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    });

    add_sync_processor(RequestCode::GET_ALL_DELAY_OFFSET, [this](const RemotingCommand& request) {
        // A slave runs no schedule service: it answers from the file its master's copy keeps.
        store::DelayOffsetTable table;
        if (schedule_) {
            table.offsets = schedule_->offsets();
        } else if (auto loaded = store::DelayOffsetTable::load(startup_.store.config_path())) {
            table = std::move(*loaded);
        } else {
            return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                "No delay offset in this broker");
        }
        return success_with_body(request, json::write(table.to_json()));
    });
}

}  // namespace rmq::broker
