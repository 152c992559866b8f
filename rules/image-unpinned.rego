# METADATA
# title: Image not pinned
# description: >-
#   The image reference has no tag, or the tag `latest`, and no digest
#   (`nginx`, `nginx:latest`, `localhost:5000/app`, where `:5000` is the
#   registry's port, not a tag). What runs is then whatever `latest` points
#   to when the host pulls, which changes without the command or compose
#   file changing and cannot be audited or rolled back. A digest
#   (`@sha256:...`) pins the content; a release tag (`nginx:1.27`) is
#   accepted unless policy data `images.require_digest` is true. A reference
#   holding an unknown variable (`app:${TAG}`) and the image of a compose
#   service that builds it (`build:`, with or without `image:`, which then
#   names the result) are not judged.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier
#     description: Pull an image by digest
# custom:
#   id: image-unpinned
#   severity: low
#   remediation: >-
#     Name a release tag, and for a reproducible deployment its digest:
#     `nginx:1.27@sha256:...` (`docker buildx imagetools inspect nginx:1.27`
#     shows it).
#   references:
#     - CIS Docker Benchmark v1.6.0 5.28 (5.27 in earlier versions)
#   examples:
#     bad: docker run -d nginx
#     good: docker run -d nginx:1.27
package rungate.rules.image_unpinned

import data.rungate.lib
import data.rungate.policy.images as policy

# A reference with no tag or latest, and no digest. latest is tested
# first: it is false for most references, which then cost nothing more.
# Not judged: no reference, one compose builds, one with an unknown
# variable, one a digest pins. The tests are written out in each body
# rather than in a function, which OPA calls at a cost.
deny contains result if {
	img := input.derived.image
	img.latest == true
	img.set == true
	img.built == false
	img.unresolved == false
	img.pinned == false
	result := {"msg": message(img, latest_problem(img.tag)), "pos": img.pos}
}

# With require_digest, any other tag without a digest too.
deny contains result if {
	policy.require_digest == true
	img := input.derived.image
	img.latest == false
	img.built == false
	img.unresolved == false
	img.pinned == false
	result := {"msg": message(img, "has no digest, so what runs changes if the tag is moved"), "pos": img.pos}
}

# A named container says which image it uses; otherwise the subject is the
# image already.
message(img, problem) := sprintf("%s uses image %s, which %s", [lib.subject, img.raw, problem]) if {
	input.source.name != ""
} else := sprintf("image %s %s", [img.raw, problem])

latest_problem("") := "has no tag or digest, so the daemon runs whatever latest points to when it pulls"

latest_problem("latest") := "is tagged latest with no digest, so what runs changes whenever latest moves"
