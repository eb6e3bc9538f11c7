package dev.cqrsorders.api.users;

import dev.cqrsorders.api.DocumentPage;
import dev.cqrsorders.api.problem.ProblemResponses;
import dev.cqrsorders.api.problem.Problems;
import dev.cqrsorders.api.request.Page;
import dev.cqrsorders.api.request.ParameterRules;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

/** {@code GET /users/{user_id}} and {@code GET /users?limit=&after=}: documents as PostgreSQL rendered them. */
@Controller("/users")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
public class UsersController {
    private final UsersRepository repository;

    public UsersController(UsersRepository repository) {
        this.repository = repository;
    }

    @Get("/{user_id}")
    @Operation(operationId = "getUser", summary = "One user")
    @ApiResponse(responseCode = "200", description = "the user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = User.class)))
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    public String get(
            @Parameter(description = "user id")
            @PathVariable("user_id") @Positive(message = ParameterRules.USER_ID) long userId) {
        return repository.findById(userId).orElseThrow(() -> Problems.notFound("user", "user_id", userId));
    }

    @Get
    @Operation(operationId = "listUsers", summary = "Users in user_id order, one keyset page at a time")
    @ApiResponse(responseCode = "200", description = "a page; next_after is null on the last page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsersPage.class)))
    @ProblemResponses.BadRequest
    public String list(@Valid @RequestBean Page paging) {
        return DocumentPage.object("users", repository.listAfter(paging.after(), paging.fetchSize()), paging);
    }
}
