#!/usr/bin/env bash
# tccli-bundle.sh: save what tkesglint needs from a live Tencent Cloud
# account into one JSON bundle, with tccli and jq.
#
#   scripts/tccli-bundle.sh -c cls-abcd1234 [-c …] [-s sg-1a2b3c4d …] \
#       [-r ap-guangzhou] [-p profile] [-o bundle.json]
#
# For each cluster (-c) it saves DescribeClusters, DescribeClusterInstances,
# DescribeClusterEndpoints, DescribeInstances of the cluster's CVMs, and the
# VPC and subnets of the cluster. The security groups are those given with -s
# plus every group bound to those CVMs or to the cluster's endpoints; for each
# it saves DescribeSecurityGroups and DescribeSecurityGroupPolicies, and the
# address and service templates the policies name. The bundle is keyed by
# action, per-resource responses by resource id (see docs: inputs.md §3).
#
# Only Describe* (read-only) calls are made. TCCLI names the tccli command
# (default: tccli). Needs bash 4, tccli 3 and jq 1.5 or later.
set -euo pipefail
shopt -s nullglob

usage() {
	sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

sgs=() clusters=() region="" profile="" out=""
while getopts "s:c:r:p:o:h" opt; do
	case "$opt" in
	s) IFS=', ' read -r -a more <<<"$OPTARG"; sgs+=("${more[@]}") ;;
	c) IFS=', ' read -r -a more <<<"$OPTARG"; clusters+=("${more[@]}") ;;
	r) region="$OPTARG" ;;
	p) profile="$OPTARG" ;;
	o) out="$OPTARG" ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage
[ ${#sgs[@]} -gt 0 ] || [ ${#clusters[@]} -gt 0 ] || usage
command -v jq >/dev/null || { echo "tccli-bundle.sh: jq is required" >&2; exit 2; }
tccli_cmd="${TCCLI:-tccli}"
command -v "$tccli_cmd" >/dev/null || { echo "tccli-bundle.sh: $tccli_cmd not found (pip install tccli)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# call SERVICE ACTION [ARGS…]: one read-only call, JSON on stdout. A failed
# call stops the script with tccli's message.
call() {
	local args=("$1" "$2") ; shift 2
	[ -z "$region" ] || args+=(--region "$region")
	[ -z "$profile" ] || args+=(--profile "$profile")
	echo "tccli ${args[*]} $*" >&2
	"$tccli_cmd" "${args[@]}" "$@" --output json
}

# json_list ID…: a JSON array of strings.
json_list() { printf '%s\n' "$@" | jq -R . | jq -cs .; }

# chunks N ID…: the ids as JSON arrays of at most N.
chunks() { local n="$1"; shift; printf '%s\n' "$@" | jq -R . | jq -cs --argjson n "$n" '[range(0; length; $n) as $i | .[$i:$i+$n]] | .[]'; }

# uniq_ids FILE…: the distinct non-empty lines of the files.
uniq_ids() { grep -hv -e '^null$' -e '^$' "$@" | sort -u || true; }

mkdir -p "$work/ci" "$work/ep" "$work/pol"
: >"$work/ins.ids" ; : >"$work/sg.ids" ; : >"$work/vpc.ids"
printf '%s\n' "${sgs[@]}" >>"$work/sg.ids"

if [ ${#clusters[@]} -gt 0 ]; then
	call tke DescribeClusters --ClusterIds "$(json_list "${clusters[@]}")" --Limit 100 >"$work/clusters.json"
	jq -r '.Clusters[]?.ClusterNetworkSettings.VpcId // empty' "$work/clusters.json" >>"$work/vpc.ids"
	for c in "${clusters[@]}"; do
		offset=0 ; pages=()
		while :; do
			call tke DescribeClusterInstances --ClusterId "$c" --InstanceRole ALL --Limit 100 --Offset "$offset" >"$work/ci/$c.$offset.json"
			pages+=("$work/ci/$c.$offset.json")
			n="$(jq '.InstanceSet | length' "$work/ci/$c.$offset.json")"
			[ "$n" -eq 100 ] || break
			offset=$((offset + 100))
		done
		jq -s '{InstanceSet: (map(.InstanceSet // []) | add), TotalCount: (.[0].TotalCount), RequestId: (.[0].RequestId)}' "${pages[@]}" >"$work/ci/$c.json"
		jq -r '.InstanceSet[].InstanceId' "$work/ci/$c.json" >>"$work/ins.ids"
		call tke DescribeClusterEndpoints --ClusterId "$c" >"$work/ep/$c.json"
		jq -r '.SecurityGroup // empty, .IntranetSecurityGroup // empty' "$work/ep/$c.json" >>"$work/sg.ids"
	done
fi

mapfile -t instances < <(uniq_ids "$work/ins.ids")
if [ ${#instances[@]} -gt 0 ]; then
	i=0
	while read -r ids; do
		call cvm DescribeInstances --InstanceIds "$ids" --Limit 100 >"$work/instances.$i.json"
		i=$((i + 1))
	done < <(chunks 100 "${instances[@]}")
	jq -s '{InstanceSet: (map(.InstanceSet // []) | add), TotalCount: (map(.InstanceSet // [] | length) | add)}' "$work"/instances.*.json >"$work/instances.json"
	jq -r '.InstanceSet[].SecurityGroupIds[]?' "$work/instances.json" >>"$work/sg.ids"
fi

mapfile -t vpcs < <(uniq_ids "$work/vpc.ids")
if [ ${#vpcs[@]} -gt 0 ]; then
	call vpc DescribeVpcs --VpcIds "$(json_list "${vpcs[@]}")" >"$work/vpcs.json"
	call vpc DescribeSubnets --Filters "$(jq -cn --argjson v "$(json_list "${vpcs[@]}")" '[{Name: "vpc-id", Values: $v}]')" --Limit 100 >"$work/subnets.json"
fi

mapfile -t groups < <(uniq_ids "$work/sg.ids")
if [ ${#groups[@]} -gt 0 ]; then
	i=0
	while read -r ids; do
		call vpc DescribeSecurityGroups --SecurityGroupIds "$ids" --Limit 100 >"$work/groups.$i.json"
		i=$((i + 1))
	done < <(chunks 100 "${groups[@]}")
	jq -s '{SecurityGroupSet: (map(.SecurityGroupSet // []) | add), TotalCount: (map(.SecurityGroupSet // [] | length) | add)}' "$work"/groups.*.json >"$work/groups.json"
	for g in "${groups[@]}"; do
		call vpc DescribeSecurityGroupPolicies --SecurityGroupId "$g" >"$work/pol/$g.json"
	done
fi

# templates FILTER QUERY ACTION: the templates whose ids QUERY finds in the
# saved policies and groups.
templates() {
	local name="$1" query="$2" action="$3" ids files=("$work"/pol/*.json "$work"/t-*.json)
	[ ${#files[@]} -gt 0 ] || return 0
	ids="$(jq -cs "[.[] | $query | select(. != null and . != \"\")] | unique" "${files[@]}")"
	[ "$ids" != "[]" ] || return 0
	call vpc "$action" --Filters "$(jq -cn --arg n "$name" --argjson v "$ids" '[{Name: $n, Values: $v}]')" --Limit 100 >"$work/t-$action.json"
}
templates address-template-group-id '.. | .AddressGroupId? // empty' DescribeAddressTemplateGroups
templates address-template-id '(.. | .AddressId? // empty), (.AddressTemplateGroupSet[]?.AddressTemplateIdSet[]?)' DescribeAddressTemplates
templates service-template-group-id '.. | .ServiceGroupId? // empty' DescribeServiceTemplateGroups
templates service-template-id '(.. | .ServiceId? // empty), (.ServiceTemplateGroupSet[]?.ServiceTemplateIdSet[]?)' DescribeServiceTemplates

# keyed DIR: the responses of DIR/<id>.json as an object keyed by id.
keyed() {
	local dir="$1" f
	for f in "$dir"/*.json; do
		case "$(basename "$f" .json)" in *.*) continue ;; esac
		jq -c --arg id "$(basename "$f" .json)" '{($id): .}' "$f"
	done | jq -s 'add // {}'
}

optional() { if [ -e "$1" ]; then cat "$1"; else echo null; fi; }

result="$(jq -n \
	--argjson groups "$(optional "$work/groups.json")" \
	--argjson policies "$(keyed "$work/pol")" \
	--argjson instances "$(optional "$work/instances.json")" \
	--argjson clusters "$(optional "$work/clusters.json")" \
	--argjson clusterInstances "$(keyed "$work/ci")" \
	--argjson endpoints "$(keyed "$work/ep")" \
	--argjson vpcs "$(optional "$work/vpcs.json")" \
	--argjson subnets "$(optional "$work/subnets.json")" \
	--argjson addrGroups "$(optional "$work/t-DescribeAddressTemplateGroups.json")" \
	--argjson addrs "$(optional "$work/t-DescribeAddressTemplates.json")" \
	--argjson svcGroups "$(optional "$work/t-DescribeServiceTemplateGroups.json")" \
	--argjson svcs "$(optional "$work/t-DescribeServiceTemplates.json")" \
	'{
		DescribeSecurityGroups: $groups,
		DescribeSecurityGroupPolicies: $policies,
		DescribeAddressTemplates: $addrs,
		DescribeAddressTemplateGroups: $addrGroups,
		DescribeServiceTemplates: $svcs,
		DescribeServiceTemplateGroups: $svcGroups,
		DescribeVpcs: $vpcs,
		DescribeSubnets: $subnets,
		DescribeInstances: $instances,
		DescribeClusters: $clusters,
		DescribeClusterInstances: $clusterInstances,
		DescribeClusterEndpoints: $endpoints
	} | with_entries(select(.value != null and .value != {}))')"

if [ -n "$out" ]; then
	printf '%s\n' "$result" >"$out"
	echo "wrote $out" >&2
else
	printf '%s\n' "$result"
fi
