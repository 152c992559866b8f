package rungate.lib_test

import data.rungate.lib

test_subject_name if {
	lib.subject == `container "web"` with input as {"source": {"name": "web"}, "create": {"Image": "nginx"}}
}

test_subject_image if {
	lib.subject == "image nginx:1.27" with input as {"source": {"name": ""}, "create": {"Image": "nginx:1.27"}}
}

test_subject_fallback if {
	lib.subject == "the container" with input as {"source": {"name": ""}, "create": {"Image": ""}}
	lib.subject == "the container" with input as {"source": {}}
}

test_under if {
	lib.under("/var/www", "/var/www")
	lib.under("/var/www/html", "/var/www")
	lib.under("/var/www/html", "/var/www/")
	lib.under("/anything", "/")
	not lib.under("/var/wwwx", "/var/www")
	not lib.under("/var", "/var/www")
}

test_longest if {
	lib.longest("/var/www/html/uploads", ["/var", "/var/www", "/var/www/html/uploads", "/srv"]) == "/var/www/html/uploads"
	lib.longest("/var/www/html", ["/var", "/var/www"]) == "/var/www"
	lib.longest("/home", ["/var", "/srv"]) == ""
	lib.longest("/home", []) == ""
}

test_segments if {
	lib.segments("/a//b/c/") == ["a", "b", "c"]
	lib.segments("/") == []
}
