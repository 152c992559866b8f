# METADATA
# title: Alpine image
# description: >-
#   A custom rule for the configuration tests: flags every alpine container.
# related_resources:
#   - ref: https://example.com/alpine-image
#     description: test rule
# custom:
#   id: alpine-image
#   severity: low
#   remediation: >-
#     Use another image.
package rungate.rules.alpine_image

deny contains result if {
	input.kind != "host"
	input.create.Image == "alpine"
	result := {"msg": "alpine is used", "field": "Image"}
}
