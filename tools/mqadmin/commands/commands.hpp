#pragma once
// One entry point per sub-command; each returns the process exit code and throws Failure when
// a step fails. The option tables live in cli/command_table.cpp.
#include "commands/context.hpp"

namespace rmq::mqadmin::commands {

int update_topic(CommandContext& ctx);
int delete_topic(CommandContext& ctx);
int topic_list(CommandContext& ctx);
int topic_route(CommandContext& ctx);
int topic_status(CommandContext& ctx);
int topic_cluster_list(CommandContext& ctx);
int cluster_list(CommandContext& ctx);
int broker_status(CommandContext& ctx);
int update_sub_group(CommandContext& ctx);
int delete_sub_group(CommandContext& ctx);
int get_broker_config(CommandContext& ctx);
int update_broker_config(CommandContext& ctx);
int consumer_connection(CommandContext& ctx);
int producer_connection(CommandContext& ctx);
int wipe_write_perm(CommandContext& ctx);
int update_kv_config(CommandContext& ctx);
int delete_kv_config(CommandContext& ctx);
int send_message(CommandContext& ctx);
int query_msg_by_id(CommandContext& ctx);
int query_msg_by_key(CommandContext& ctx);
int query_msg_by_unique_key(CommandContext& ctx);
int query_msg_by_offset(CommandContext& ctx);
int query_msg_trace_by_id(CommandContext& ctx);
int consume_message(CommandContext& ctx);
int print_msg(CommandContext& ctx);
int consumer_progress(CommandContext& ctx);
int reset_offset_by_time(CommandContext& ctx);
int broker_consume_stats(CommandContext& ctx);
int get_consumer_status(CommandContext& ctx);
int stats_all(CommandContext& ctx);
int clone_group_offset(CommandContext& ctx);
int query_cq(CommandContext& ctx);

}  // namespace rmq::mqadmin::commands
