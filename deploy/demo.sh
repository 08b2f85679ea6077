#!/usr/bin/env bash
# A guided first cycle against the local API of deploy/run-local.sh: imports a small organization, runs a feedback
# cycle with generated assignments and realistic sheets (some behaviors "not observed", some raters who send only
# one of their two sheets), closes it, and prints where to look: a person report, the gap report, and a rater link
# for the rater page. Every step is an ordinary HTTP call; the same calls are in README.md, "First cycle in ten calls".
#
#   deploy/run-local.sh              # in one terminal
#   deploy/demo.sh                   # in another
#
# Overrides: FEEDBACK_URL (default http://localhost:${PORT:-8080}), FEEDBACK_ADMIN_KEY (default: .local/admin-key).
# Needs curl and jq (installed with apt-get when missing and run as root). Run it as often as you like: each run makes
# a new cycle; the people are upserted, so a second run updates them instead of duplicating them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
API=${FEEDBACK_URL:-http://localhost:${PORT:-8080}}
API=${API%/}

say() { printf '%s\n' "$*"; }
step() { printf '\n\033[1m%s\033[0m\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

for tool in curl jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null || die "could not install $tool"
    else
      die "$tool is needed (e.g. sudo apt-get install -y $tool)"
    fi
  fi
done

ADMIN_KEY=${FEEDBACK_ADMIN_KEY:-$(cat "$ROOT/.local/admin-key" 2>/dev/null || true)}
[ -n "$ADMIN_KEY" ] || die "no admin key: start the API with deploy/run-local.sh (it writes .local/admin-key) or set FEEDBACK_ADMIN_KEY"
curl -fsS "$API/health/ready" >/dev/null 2>&1 || die "the API at $API is not ready: start it with deploy/run-local.sh (or set FEEDBACK_URL)"

# call METHOD PATH TOKEN [JSON-BODY]: prints the response body; stops the demo with the problem details on an error.
call() {
  local method=$1 path=$2 token=$3 body=${4:-} out status
  out=$(mktemp)
  if [ -n "$body" ]; then
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$API$path" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' --data-binary "$body")
  else
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$API$path" -H "Authorization: Bearer $token")
  fi
  if [ "${status:0:1}" != 2 ]; then
    printf 'demo: %s %s answered %s:\n' "$method" "$path" "$status" >&2
    jq . "$out" >&2 2>/dev/null || cat "$out" >&2
    rm -f "$out"
    exit 1
  fi
  cat "$out"
  rm -f "$out"
}

step "1. An API key for the walkthrough (scopes people:write, cycles:write, reports:read)"
KEY=$(call POST /v1/api-keys "$ADMIN_KEY" \
  '{"name":"demo walkthrough","scopes":["people:write","cycles:write","reports:read"]}' | jq -r .key)
say "   created ${KEY:0:12}… (shown once; only its hash is stored)"

step "2. Import the organization (13 people, 3 teams), all or nothing"
PEOPLE='[
  {"externalId":"nw-001","displayName":"Sofia Marquez","email":"sofia.marquez@northwind.example","department":"Executive","title":"Chief Executive Officer"},
  {"externalId":"nw-010","displayName":"Daniel Okafor","email":"daniel.okafor@northwind.example","managerExternalId":"nw-001","department":"Engineering","title":"VP Engineering"},
  {"externalId":"nw-011","displayName":"Liam Chen","managerExternalId":"nw-010","department":"Engineering","title":"Senior Engineer"},
  {"externalId":"nw-012","displayName":"Aisha Bello","managerExternalId":"nw-010","department":"Engineering","title":"Staff Engineer"},
  {"externalId":"nw-013","displayName":"Mateo Rossi","managerExternalId":"nw-010","department":"Engineering","title":"Engineer"},
  {"externalId":"nw-014","displayName":"Hannah Kim","managerExternalId":"nw-010","department":"Engineering","title":"Engineer"},
  {"externalId":"nw-020","displayName":"Priya Raman","email":"priya.raman@northwind.example","managerExternalId":"nw-001","department":"Product","title":"Head of Product"},
  {"externalId":"nw-021","displayName":"Noah Williams","managerExternalId":"nw-020","department":"Product","title":"Product Manager"},
  {"externalId":"nw-022","displayName":"Yara Haddad","managerExternalId":"nw-020","department":"Product","title":"Product Designer"},
  {"externalId":"nw-023","displayName":"Ethan Brooks","managerExternalId":"nw-020","department":"Product","title":"Product Analyst"},
  {"externalId":"nw-030","displayName":"Grace Liu","email":"grace.liu@northwind.example","managerExternalId":"nw-001","department":"Operations","title":"Operations Manager"},
  {"externalId":"nw-031","displayName":"Omar Farouk","managerExternalId":"nw-030","department":"Operations","title":"Operations Analyst"},
  {"externalId":"nw-032","displayName":"Zoe Martin","managerExternalId":"nw-030","department":"Operations","title":"Coordinator"}
]'
call POST /v1/people/import "$KEY" "$PEOPLE" | jq -c '"   " + (. | tostring)' -r

step "3. Create a cycle (all behaviors of the catalog, scale 1-5, anonymity threshold 3)"
CYCLE_NAME="Northwind review $(date -u +%Y-%m-%dT%H:%M:%SZ)"
CYCLE=$(call POST /v1/cycles "$KEY" "$(jq -nc --arg name "$CYCLE_NAME" '{name: $name}')")
CYCLE_ID=$(jq -r .id <<<"$CYCLE")
say "   $CYCLE_NAME: $CYCLE_ID ($(jq -r '.behaviors | length' <<<"$CYCLE") behaviors)"

step "4. Generate the assignments from the org chart (self, manager, direct reports, up to 4 peers)"
# Only this organization's people are rated (the organization may hold others, e.g. from README's walkthrough).
GENERATED=$(call POST "/v1/cycles/$CYCLE_ID/assignments/generate" "$KEY" "$(jq -c '{subjects: [.[].externalId]}' <<<"$PEOPLE")")
say "   created $(jq .created <<<"$GENERATED") assignments, each with a rater token and a raterUrl"

step "5. Open the cycle"
call POST "/v1/cycles/$CYCLE_ID/open" "$KEY" | jq -r '"   status: " + .status'

# How each person comes across, in tenths of a point: leadership, management. Raters vary around it; people rate
# themselves a little higher. Daniel manages well but leads less; Aisha leads without managing anyone.
declare -A PROFILE=(
  [nw-001]="41 39" [nw-010]="27 44" [nw-011]="36 33" [nw-012]="45 29" [nw-013]="31 30" [nw-014]="38 35"
  [nw-020]="43 41" [nw-021]="34 40" [nw-022]="42 31" [nw-023]="30 34" [nw-030]="29 43" [nw-031]="35 32" [nw-032]="40 36"
)
# score TENTHS SELF SEED: one rater's score for one behavior, 1..5, or null ("not observed") about one time in nine.
# The variation comes from SEED (assignment and behavior number), so every run gives the same answers.
score() {
  local tenths=$1 self=$2 seed=$3 noise value
  if [ $(((seed * 7919) % 9)) -eq 0 ]; then echo null; return; fi
  noise=$(((seed * 104729) % 15 - 7))
  value=$(( (tenths + noise + self * 5 + 5) / 10 ))
  ((value < 1)) && value=1
  ((value > 5)) && value=5
  echo "$value"
}

# sheet KEYS TENTHS SELF COMMENT SEED: a sheet body scoring every behavior of the dimension.
sheet() {
  local keys=$1 tenths=$2 self=$3 comment=$4 seed=$5 scores="{}" key n=0
  for key in $keys; do
    n=$((n + 1))
    scores=$(jq -c --arg k "$key" --argjson v "$(score "$tenths" "$self" $((seed * 11 + n)))" '. + {($k): $v}' <<<"$scores")
  done
  if [ -n "$comment" ]; then
    jq -nc --argjson s "$scores" --arg c "$comment" '{scores: $s, comment: $c}'
  else
    jq -nc --argjson s "$scores" '{scores: $s}'
  fi
}

LEADERSHIP_COMMENTS=("Listens first and makes room for quieter voices." "Explains the why behind decisions." ""
  "Could check in more often when plans change." "" "Builds trust by following through.")
MANAGEMENT_COMMENTS=("" "Plans are clear and realistic." "Priorities sometimes shift without notice." ""
  "Keeps the team's workload balanced." "")

step "6. Every rater fills in their sheets with their own rater token (as the rater page does)"
count=$(jq '.assignments | length' <<<"$GENERATED")
both=0; one=0
for i in $(seq 0 $((count - 1))); do
  assignment=$(jq -c ".assignments[$i]" <<<"$GENERATED")
  token=$(jq -r .raterToken <<<"$assignment")
  id=$(jq -r .id <<<"$assignment")
  subject=$(jq -r .subjectExternalId <<<"$assignment")
  self=0; [ "$(jq -r .relationship <<<"$assignment")" = self ] && self=1
  read -r lead manage <<<"${PROFILE[$subject]:-35 35}"
  me=$(call GET /v1/assignments/me "$token") # whom to rate, on which behaviors: what a survey front end shows
  leadership_keys=$(jq -r '.behaviors.leadership[].key' <<<"$me")
  management_keys=$(jq -r '.behaviors.management[].key' <<<"$me")
  call PUT "/v1/cycles/$CYCLE_ID/assignments/$id/leadership" "$token" \
    "$(sheet "$leadership_keys" "$lead" "$self" "${LEADERSHIP_COMMENTS[$((i % 6))]}" $((i * 2 + 1)))" >/dev/null
  if [ $((i % 7)) -eq 3 ]; then
    one=$((one + 1)) # this rater never gets round to the management sheet: not counted in reports
  else
    call PUT "/v1/cycles/$CYCLE_ID/assignments/$id/management" "$token" \
      "$(sheet "$management_keys" "$manage" "$self" "${MANAGEMENT_COMMENTS[$((i % 6))]}" $((i * 2 + 2)))" >/dev/null
    both=$((both + 1))
  fi
done
say "   $both raters sent both sheets, $one sent only the leadership sheet"

step "7. Progress before closing (counts only, never answers)"
call GET "/v1/cycles/$CYCLE_ID/progress" "$KEY" |
  jq -r '.items[] | "   \(.subjectExternalId)  assigned \([.assigned[]] | add)  submitted \([.submitted[]?] | add // "n/a")  responders (both sheets valid) \([.responders[]] | add)"'

step "8. Close the cycle: the reports are computed now, from the sheets as they stand"
call POST "/v1/cycles/$CYCLE_ID/close" "$KEY" | jq -r '"   status: " + .status + ", closed at " + .closedAt'

step "9. The gap report: leadership vs management for everyone with enough raters"
GAPS=$(call GET "/v1/cycles/$CYCLE_ID/reports/gaps?sort=-gap" "$KEY")
jq -r '.summary | "   subjects \(.subjects), reportable \(.reportable), mean gap \(.meanGap // "n/a" | tostring | .[0:6]), managers who aren'"'"'t leaders \(.managersWhoArentLeaders), leaders who aren'"'"'t managers \(.leadersWhoArentManagers)"' <<<"$GAPS"
jq -r '.items[] | "   \(.displayName | .[0:16] | . + (" " * (16 - length)))  L \(.leadership * 100 | round / 100)  M \(.management * 100 | round / 100)  gap \(.gap.score * 100 | round / 100)\(if .gap.significant then " (significant)" else "" end)  \(.quadrant)"' <<<"$GAPS"

step "10. A person report: Daniel Okafor (nw-010)"
call GET "/v1/cycles/$CYCLE_ID/reports/people/nw-010" "$KEY" |
  jq -r '"   responders \(.responders.others) others + \(.responders.self) self, suppressed \(.suppressed), quadrant \(.quadrant)",
         "   others: leadership \(.others.leadership.score * 100 | round / 100), management \(.others.management.score * 100 | round / 100), gap \(.others.gap.score * 100 | round / 100) ci95 \(.others.gap.ci95 | map(. * 100 | round / 100))"'

# The cycle above is closed, so its rater links now show a read-only page. One more open cycle with a single
# assignment gives a link to try the rater page with.
TRY=$(call POST /v1/cycles "$KEY" "$(jq -nc --arg name "Try the rater page $(date -u +%H:%M:%S)" '{name: $name}')" | jq -r .id)
RATER_URL=$(call POST "/v1/cycles/$TRY/assignments" "$KEY" \
  '{"subjectExternalId":"nw-012","raterExternalId":"nw-011","relationship":"peer"}' | jq -r .raterUrl)
call POST "/v1/cycles/$TRY/open" "$KEY" >/dev/null

cat <<EOF

==============================================================================
 Where to look (the walkthrough key is in KEY below; it has people:write, cycles:write, reports:read)
   KEY=$KEY
   Person report  curl -s $API/v1/cycles/$CYCLE_ID/reports/people/nw-010 -H "Authorization: Bearer \$KEY" | jq
   Gap report     curl -s "$API/v1/cycles/$CYCLE_ID/reports/gaps?sort=-gap" -H "Authorization: Bearer \$KEY" | jq
   As CSV         curl -s $API/v1/cycles/$CYCLE_ID/reports/gaps -H "Authorization: Bearer \$KEY" -H "Accept: text/csv"
   Rater page     $RATER_URL
                  (Liam Chen rating Aisha Bello in an open cycle; open it in a browser)
   Swagger UI     $API/swagger   (Authorize -> paste the key)
==============================================================================
EOF
