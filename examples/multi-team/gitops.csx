// Several teams share one config repository: shared components live in templates/, each team owns a folder.
#load "templates/team-service.csx"
#load "teams/payments/app.csx"
#load "teams/search/app.csx"
