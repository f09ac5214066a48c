-- GET /fhir/@type/@id: the stored JSON (@table is the type's document table).
select data->>'Json' from ror.@table where id = @id
